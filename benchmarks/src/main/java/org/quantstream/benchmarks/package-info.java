/**
 * JMH benchmarks. Build with {@code ./mvnw -B -DskipTests package}, run with {@code java -jar
 * benchmarks/target/benchmarks.jar <regex> -prof gc}. Each class's javadoc gives its command and
 * the figures measured.
 */
package org.quantstream.benchmarks;

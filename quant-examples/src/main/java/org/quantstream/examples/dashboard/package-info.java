/**
 * The live web dashboard: a Netty HTTP and WebSocket server on 127.0.0.1 that serves one static
 * page (drawing with ECharts from its webjar) and pushes JSON messages to every open page.
 */
package org.quantstream.examples.dashboard;

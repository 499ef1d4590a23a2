package org.quantstream.kafka.internal;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Snapshots the mutable state of quantstream's own stages (aggregators, operators, pair analytics,
 * alert rule states) into bytes and restores it into fresh stages built from the same
 * configuration, bit for bit, without each stage having to write a codec of its own.
 *
 * <p>How: the object graph under the roots is walked in a fixed order (classes from the object's up
 * to its first non-quantstream superclass, fields by name). A stage built from the same
 * configuration has the same shape, so its configuration (final primitive fields, final references
 * to immutable values: symbols, timeframes, rules, handlers) is not written; what is written is
 * every non-final primitive field, the contents of every array, and the non-final references to
 * values (boxed numbers, strings, enums). A non-final reference to a nested stage object that is
 * null in one graph and not in the other cannot be restored and is an error, as is any JDK
 * collection (the stages use arrays). A running hash of the shape (class and field names, array
 * lengths) ends the snapshot; a snapshot read into a stage of another shape (another configuration,
 * another quantstream version) is refused with {@link IllegalStateException}, never half applied
 * silently: the caller then discards the half-written stage.
 *
 * <p>Thread-safe (the field tables are cached); the stages must not be used by another thread while
 * they are written or read.
 */
public final class StateCodec {
    private static final int MAGIC = 0x51534331; // "QSC1"
    private static final String OWN = "org.quantstream.";
    private static final Map<Class<?>, Field[]> FIELDS = new ConcurrentHashMap<>();

    /** A writer per thread, reused: its buffer and identity table are cleared per snapshot. */
    private static final ThreadLocal<Writer> WRITER = ThreadLocal.withInitial(Writer::new);

    private StateCodec() {}

    /**
     * The state under the roots.
     *
     * @param roots the stages, in an order the reader repeats
     * @return the snapshot
     */
    public static byte[] write(Object... roots) {
        Writer w = WRITER.get();
        w.out.clear();
        w.seen.clear();
        w.shape = 17;
        w.out.putInt(MAGIC);
        for (Object r : roots) {
            w.walk(r);
        }
        w.ensure(8);
        w.out.putLong(w.shape);
        return Arrays.copyOf(w.out.array(), w.out.position());
    }

    /**
     * Restores a snapshot into stages of the same configuration.
     *
     * @param snapshot what {@link #write} returned
     * @param roots fresh stages, in the writer's order
     * @throws IllegalStateException if the snapshot does not fit the stages
     */
    public static void read(byte[] snapshot, Object... roots) {
        Reader r = new Reader(ByteBuffer.wrap(snapshot).order(ByteOrder.LITTLE_ENDIAN));
        if (snapshot.length < 12 || r.in.getInt() != MAGIC) {
            throw new IllegalStateException("not a quantstream state snapshot");
        }
        try {
            for (Object o : roots) {
                r.walk(o);
            }
            long shape = r.in.getLong();
            if (shape != r.shape || r.in.hasRemaining()) {
                throw new IllegalStateException(
                        "the state snapshot was written by stages of another shape (another"
                                + " configuration or quantstream version)");
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalStateException(
                    "the state snapshot is shorter than the stages' state (another configuration"
                            + " or quantstream version)",
                    e);
        }
    }

    /** The fields walked of a class: its own and its quantstream superclasses', sorted. */
    static Field[] fields(Class<?> c) {
        return FIELDS.computeIfAbsent(
                c,
                k -> {
                    List<Field> list = new ArrayList<>();
                    for (Class<?> x = k; x != null && isOwn(x); x = x.getSuperclass()) {
                        Field[] fs = x.getDeclaredFields();
                        Arrays.sort(fs, Comparator.comparing(Field::getName));
                        for (Field f : fs) {
                            int m = f.getModifiers();
                            if (Modifier.isStatic(m) || f.isSynthetic()) {
                                continue; // constants; an inner class's outer instance
                            }
                            boolean fin = Modifier.isFinal(m);
                            Class<?> t = f.getType();
                            if (fin && t.isPrimitive()) {
                                continue; // configuration, equal in a stage of the same config
                            }
                            f.setAccessible(true);
                            list.add(f);
                        }
                    }
                    return list.toArray(new Field[0]);
                });
    }

    static boolean isOwn(Class<?> c) {
        return c.getName().startsWith(OWN);
    }

    /** A stage object whose fields are walked (not a value, not wiring). */
    static boolean isStage(Object v) {
        return STAGE.get(v.getClass());
    }

    private static final ClassValue<Boolean> STAGE =
            new ClassValue<>() {
                @Override
                protected Boolean computeValue(Class<?> c) {
                    return isOwn(c)
                            && !c.isRecord()
                            && !c.isEnum()
                            && !c.isHidden()
                            && !c.isSynthetic();
                }
            };

    static boolean isValue(Object v) {
        return v instanceof Number
                || v instanceof String
                || v instanceof Boolean
                || v instanceof Character
                || v instanceof Enum<?>;
    }

    private abstract static class Walk {
        final IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        long shape = 17;

        void mix(String s) {
            shape = shape * 31 + s.hashCode();
        }

        void mix(long x) {
            shape = shape * 31 + x;
        }

        static String where(Object o, Field f) {
            return o.getClass().getName() + "." + f.getName();
        }

        static Object get(Field f, Object o) {
            try {
                return f.get(o);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + where(o, f), e);
            }
        }

        static void set(Field f, Object o, Object v) {
            try {
                f.set(o, v);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot write " + where(o, f), e);
            }
        }
    }

    private static final class Writer extends Walk {
        ByteBuffer out = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);

        void ensure(int n) {
            if (out.remaining() < n) {
                ByteBuffer b =
                        ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + n))
                                .order(ByteOrder.LITTLE_ENDIAN);
                out.flip();
                b.put(out);
                out = b;
            }
        }

        void walk(Object o) {
            if (seen.put(o, Boolean.TRUE) != null) {
                return;
            }
            Class<?> c = o.getClass();
            mix(c.getName());
            if (c.isArray()) {
                array(o);
                return;
            }
            for (Field f : fields(c)) {
                mix(f.getName());
                Class<?> t = f.getType();
                if (t.isPrimitive()) {
                    primitive(f, o, t);
                    continue;
                }
                Object v = get(f, o);
                boolean fin = Modifier.isFinal(f.getModifiers());
                if (v == null) {
                    if (!fin) {
                        ensure(1);
                        out.put((byte) 0);
                    }
                    continue;
                }
                if (v.getClass().isArray() || isStage(v)) {
                    if (!fin) {
                        ensure(1);
                        out.put((byte) 1);
                    }
                    walk(v);
                } else if (!fin) {
                    value(o, f, v);
                } else if (v instanceof java.util.Collection<?> || v instanceof Map<?, ?>) {
                    throw new IllegalStateException(
                            where(o, f) + ": a JDK collection holds state the codec cannot walk");
                }
            }
        }

        void value(Object o, Field f, Object v) {
            if (v.getClass().isHidden() || v.getClass().isSynthetic()) {
                ensure(1);
                out.put((byte) 3); // wiring (a handler), kept as the fresh stage has it
                return;
            }
            if (!isValue(v)) {
                throw new IllegalStateException(
                        where(o, f) + ": cannot snapshot a " + v.getClass().getName());
            }
            byte[] s = (v instanceof Enum<?> e ? e.name() : v.toString()).getBytes();
            ensure(5 + s.length);
            out.put((byte) 2);
            out.putInt(s.length);
            out.put(s);
        }

        void primitive(Field f, Object o, Class<?> t) {
            ensure(8);
            try {
                if (t == double.class) {
                    out.putLong(Double.doubleToRawLongBits(f.getDouble(o)));
                } else if (t == long.class) {
                    out.putLong(f.getLong(o));
                } else if (t == int.class) {
                    out.putInt(f.getInt(o));
                } else if (t == boolean.class) {
                    out.put((byte) (f.getBoolean(o) ? 1 : 0));
                } else if (t == float.class) {
                    out.putInt(Float.floatToRawIntBits(f.getFloat(o)));
                } else if (t == short.class) {
                    out.putShort(f.getShort(o));
                } else if (t == byte.class) {
                    out.put(f.getByte(o));
                } else {
                    out.putChar(f.getChar(o));
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + where(o, f), e);
            }
        }

        void array(Object a) {
            int n = Array.getLength(a);
            mix(n);
            ensure(4);
            out.putInt(n);
            Class<?> t = a.getClass().getComponentType();
            if (t == double.class) {
                ensure(8 * n);
                out.asDoubleBuffer().put((double[]) a); // bit for bit (NaN payloads too)
                out.position(out.position() + 8 * n);
            } else if (t == long.class) {
                ensure(8 * n);
                out.asLongBuffer().put((long[]) a);
                out.position(out.position() + 8 * n);
            } else if (t == int.class) {
                ensure(4 * n);
                out.asIntBuffer().put((int[]) a);
                out.position(out.position() + 4 * n);
            } else if (t == boolean.class) {
                ensure(n);
                for (boolean x : (boolean[]) a) {
                    out.put((byte) (x ? 1 : 0));
                }
            } else if (t == byte.class) {
                ensure(n);
                out.put((byte[]) a);
            } else if (t.isPrimitive()) {
                throw new IllegalStateException("cannot snapshot a " + t + "[]");
            } else {
                for (Object e : (Object[]) a) {
                    if (e == null) {
                        ensure(1);
                        out.put((byte) 0);
                    } else if (e.getClass().isArray() || isStage(e)) {
                        ensure(1);
                        out.put((byte) 1);
                        walk(e);
                    } else {
                        ensure(1);
                        out.put((byte) 4); // an immutable value or wiring, as the fresh stage has
                        // it
                    }
                }
            }
        }
    }

    private static final class Reader extends Walk {
        final ByteBuffer in;

        Reader(ByteBuffer in) {
            this.in = in;
        }

        void walk(Object o) {
            if (seen.put(o, Boolean.TRUE) != null) {
                return;
            }
            Class<?> c = o.getClass();
            mix(c.getName());
            if (c.isArray()) {
                array(o);
                return;
            }
            for (Field f : fields(c)) {
                mix(f.getName());
                Class<?> t = f.getType();
                if (t.isPrimitive()) {
                    primitive(f, o, t);
                    continue;
                }
                Object v = get(f, o);
                boolean fin = Modifier.isFinal(f.getModifiers());
                if (fin) {
                    if (v != null && (v.getClass().isArray() || isStage(v))) {
                        walk(v);
                    }
                    continue;
                }
                byte tag = in.get();
                switch (tag) {
                    case 0 -> set(f, o, null);
                    case 1 -> {
                        if (v == null) {
                            throw new IllegalStateException(
                                    where(o, f) + " is null in the stage restored into");
                        }
                        if (v.getClass().isArray()) {
                            v = resized(f, o, v);
                        }
                        walk(v);
                    }
                    case 2 -> {
                        byte[] s = new byte[in.getInt()];
                        in.get(s);
                        set(f, o, parse(f.getType(), new String(s), o, f));
                    }
                    case 3 -> {} // wiring
                    default ->
                            throw new IllegalStateException(
                                    "bad tag " + tag + " at " + where(o, f));
                }
            }
        }

        /** A non-final array field whose length changed: a fresh array of the written length. */
        Object resized(Field f, Object o, Object v) {
            if (seen.containsKey(v)) {
                return v; // shared and already read: the writer wrote it once, at its first place
            }
            int n = in.getInt(in.position()); // the array's length comes first
            if (n != Array.getLength(v)) {
                Object fresh = Array.newInstance(v.getClass().getComponentType(), n);
                set(f, o, fresh);
                return fresh;
            }
            return v;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        static Object parse(Class<?> t, String s, Object o, Field f) {
            if (t == String.class) {
                return s;
            }
            if (t.isEnum()) {
                return Enum.valueOf((Class<Enum>) t, s);
            }
            if (t == Double.class) {
                return Double.valueOf(s);
            }
            if (t == Long.class) {
                return Long.valueOf(s);
            }
            if (t == Integer.class) {
                return Integer.valueOf(s);
            }
            if (t == Boolean.class) {
                return Boolean.valueOf(s);
            }
            throw new IllegalStateException(where(o, f) + ": cannot restore a " + t.getName());
        }

        void primitive(Field f, Object o, Class<?> t) {
            try {
                if (t == double.class) {
                    f.setDouble(o, Double.longBitsToDouble(in.getLong()));
                } else if (t == long.class) {
                    f.setLong(o, in.getLong());
                } else if (t == int.class) {
                    f.setInt(o, in.getInt());
                } else if (t == boolean.class) {
                    f.setBoolean(o, in.get() != 0);
                } else if (t == float.class) {
                    f.setFloat(o, Float.intBitsToFloat(in.getInt()));
                } else if (t == short.class) {
                    f.setShort(o, in.getShort());
                } else if (t == byte.class) {
                    f.setByte(o, in.get());
                } else {
                    f.setChar(o, in.getChar());
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot write " + where(o, f), e);
            }
        }

        void array(Object a) {
            int n = in.getInt();
            if (n != Array.getLength(a)) {
                throw new IllegalStateException(
                        "an array of "
                                + Array.getLength(a)
                                + " in the stage restored into was "
                                + n
                                + " long in the snapshot");
            }
            mix(n);
            Class<?> t = a.getClass().getComponentType();
            if (t == double.class) {
                in.asDoubleBuffer().get((double[]) a);
                in.position(in.position() + 8 * n);
            } else if (t == long.class) {
                in.asLongBuffer().get((long[]) a);
                in.position(in.position() + 8 * n);
            } else if (t == int.class) {
                in.asIntBuffer().get((int[]) a);
                in.position(in.position() + 4 * n);
            } else if (t == boolean.class) {
                boolean[] d = (boolean[]) a;
                for (int i = 0; i < n; i++) {
                    d[i] = in.get() != 0;
                }
            } else if (t == byte.class) {
                in.get((byte[]) a);
            } else {
                Object[] d = (Object[]) a;
                for (int i = 0; i < n; i++) {
                    byte tag = in.get();
                    if (tag == 0) {
                        d[i] = null;
                    } else if (tag == 1) {
                        if (d[i] == null) {
                            throw new IllegalStateException(
                                    "an element of a " + a.getClass().getSimpleName() + " is null");
                        }
                        walk(d[i]);
                    } else if (tag != 4) {
                        throw new IllegalStateException("bad tag " + tag + " in an array");
                    }
                }
            }
        }
    }
}

package org.quantstream.feed.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.quantstream.feed.binance.internal.InPlaceFrameDecoder;

/**
 * The in-place lane against Netty's own decoder on the same bytes: random streams of frames (text,
 * ping, pong, binary, fragmented messages, close, and broken frames of every kind Netty refuses),
 * cut into random pieces, must give the same messages in the same order and the same refusals.
 */
class InPlaceFrameDecoderTest {
    private static final int MAX = 4096;

    @Test
    void sameMessagesAsNettysDecoderWhateverTheCuts() {
        long texts = 0;
        for (int seed = 0; seed < 400; seed++) {
            Random rnd = new Random(seed);
            byte[] wire = stream(rnd, false);
            List<String> expected = run(wire, new int[] {wire.length}, false);
            List<String> got = run(wire, cuts(rnd, wire.length), true);
            assertThat(got).as("seed %d", seed).isEqualTo(expected);
            texts += expected.stream().filter(e -> e.startsWith("text:")).count();
        }
        assertThat(texts).isGreaterThan(2000);
    }

    @Test
    void brokenFramesAreRefusedAsNettyRefusesThem() {
        int refused = 0;
        for (int seed = 0; seed < 400; seed++) {
            Random rnd = new Random(seed);
            byte[] wire = stream(rnd, true);
            List<String> expected = run(wire, new int[] {wire.length}, false);
            List<String> got = run(wire, cuts(rnd, wire.length), true);
            assertThat(got).as("seed %d", seed).isEqualTo(expected);
            if (expected.stream().anyMatch(e -> e.startsWith("error"))) {
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(100);
    }

    @Test
    void textFramesAreReadWhereTheyLie() {
        List<String> texts = new ArrayList<>();
        List<Object> frames = new ArrayList<>();
        EmbeddedChannel ch =
                channel(
                        new InPlaceFrameDecoder(
                                MAX,
                                (buf, index, length) -> {
                                    assertThat(buf.readerIndex()).isGreaterThanOrEqualTo(index);
                                    texts.add(buf.toString(index, length, StandardCharsets.UTF_8));
                                }),
                        frames::add);
        ByteBuf two = encode(new TextWebSocketFrame("{\"a\":1}"), new TextWebSocketFrame("{}"));
        ch.writeInbound(two);
        assertThat(texts).containsExactly("{\"a\":1}", "{}");
        assertThat(frames).isEmpty(); // nothing went down the pipeline
        ch.finishAndReleaseAll();
    }

    @Test
    void aPausedReaderGetsAMessageSoNettyDoesNotReadOn() {
        List<Object> frames = new ArrayList<>();
        EmbeddedChannel[] ch = new EmbeddedChannel[1];
        ch[0] =
                channel(
                        new InPlaceFrameDecoder(
                                MAX, (buf, index, length) -> ch[0].config().setAutoRead(false)),
                        frames::add);
        ch[0].writeInbound(encode(new TextWebSocketFrame("{}")));
        assertThat(frames).containsExactly(InPlaceFrameDecoder.DELIVERED);
        ch[0].config().setAutoRead(true);
        frames.clear();
        ch[0].writeInbound(encode(new TextWebSocketFrame("{}")));
        assertThat(frames).containsExactly(InPlaceFrameDecoder.DELIVERED); // paused again
        ch[0].finishAndReleaseAll();
    }

    private static EmbeddedChannel channel(
            WebSocket08FrameDecoder decoder, Consumer<Object> frames) {
        return new EmbeddedChannel(
                decoder,
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        frames.accept(msg);
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        frames.accept(cause);
                    }
                });
    }

    /** The messages and refusals of one decoder over the wire bytes, cut where told. */
    private static List<String> run(byte[] wire, int[] cuts, boolean inPlace) {
        List<String> events = new ArrayList<>();
        Consumer<Object> frames =
                m -> {
                    if (m instanceof Throwable) {
                        events.add("error:" + m.getClass().getSimpleName());
                    } else {
                        WebSocketFrame f = (WebSocketFrame) m;
                        String body = f.content().toString(StandardCharsets.ISO_8859_1);
                        if (f instanceof TextWebSocketFrame && f.isFinalFragment()) {
                            events.add("text:" + body); // the same message as the lane's
                        } else {
                            events.add(
                                    f.getClass().getSimpleName()
                                            + (f.isFinalFragment() ? "" : "+")
                                            + ":"
                                            + body);
                        }
                        f.release();
                    }
                };
        WebSocket08FrameDecoder decoder =
                inPlace
                        ? new InPlaceFrameDecoder(
                                MAX,
                                (buf, index, length) ->
                                        events.add(
                                                "text:"
                                                        + buf.toString(
                                                                index,
                                                                length,
                                                                StandardCharsets.ISO_8859_1)))
                        : new WebSocket08FrameDecoder(
                                WebSocketDecoderConfig.newBuilder()
                                        .expectMaskedFrames(false)
                                        .allowExtensions(false)
                                        .maxFramePayloadLength(MAX)
                                        .build());
        EmbeddedChannel ch = channel(decoder, frames);
        int from = 0;
        for (int cut : cuts) {
            if (!ch.isOpen()) {
                break;
            }
            ch.writeInbound(Unpooled.wrappedBuffer(wire, from, cut - from));
            from = cut;
        }
        events.add(ch.isOpen() ? "open" : "closed");
        for (Object o; (o = ch.readOutbound()) != null; ) {
            events.add("sent:" + o);
            io.netty.util.ReferenceCountUtil.release(o);
        }
        ch.finishAndReleaseAll();
        return events;
    }

    private static int[] cuts(Random rnd, int length) {
        List<Integer> at = new ArrayList<>();
        int p = 0;
        while (p < length) {
            p = Math.min(length, p + 1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 300));
            at.add(p);
        }
        return at.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A random sequence of frames as a server sends them; with {@code broken}, one bad frame. */
    private static byte[] stream(Random rnd, boolean broken) {
        ByteBuf out = Unpooled.buffer();
        int n = 1 + rnd.nextInt(30);
        int bad = broken ? rnd.nextInt(n) : -1;
        for (int i = 0; i < n; i++) {
            if (i == bad) {
                out.writeBytes(brokenFrame(rnd));
                continue;
            }
            switch (rnd.nextInt(9)) {
                case 0:
                    out.writeBytes(encode(new PingWebSocketFrame(payload(rnd, 20))));
                    break;
                case 1:
                    out.writeBytes(encode(new PongWebSocketFrame(payload(rnd, 20))));
                    break;
                case 2:
                    out.writeBytes(encode(new BinaryWebSocketFrame(payload(rnd, 300))));
                    break;
                case 3:
                    out.writeBytes(
                            encode(
                                    new TextWebSocketFrame(false, 0, payload(rnd, 50)),
                                    new PingWebSocketFrame(payload(rnd, 5)),
                                    new ContinuationWebSocketFrame(false, 0, payload(rnd, 50)),
                                    new ContinuationWebSocketFrame(true, 0, payload(rnd, 50))));
                    break;
                case 4:
                    if (rnd.nextInt(4) == 0) {
                        out.writeBytes(encode(new CloseWebSocketFrame(1000, "bye")));
                    }
                    break;
                default:
                    int size = rnd.nextInt(8) == 0 ? 200 + rnd.nextInt(1000) : rnd.nextInt(200);
                    out.writeBytes(encode(new TextWebSocketFrame(payload(rnd, size))));
            }
        }
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        out.release();
        return b;
    }

    private static ByteBuf payload(Random rnd, int max) {
        byte[] b = new byte[rnd.nextInt(max + 1)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (' ' + rnd.nextInt(95));
        }
        return Unpooled.wrappedBuffer(b);
    }

    /** A frame Netty refuses: masked, reserved bits, bad opcode, too long, ... */
    private static ByteBuf brokenFrame(Random rnd) {
        ByteBuf b = Unpooled.buffer();
        switch (rnd.nextInt(8)) {
            case 0: // masked, from a server
                b.writeByte(0x81).writeByte(0x80 | 3).writeInt(0x01020304).writeBytes(new byte[3]);
                break;
            case 1: // a reserved bit
                b.writeByte(0x81 | 0x40).writeByte(2).writeByte('{').writeByte('}');
                break;
            case 2: // a reserved opcode
                b.writeByte(0x83).writeByte(1).writeByte('x');
                break;
            case 3: // longer than allowed
                b.writeByte(0x81).writeByte(127).writeLong(MAX + 1L);
                break;
            case 4: // a length not minimally encoded
                b.writeByte(0x81).writeByte(126).writeShort(5).writeBytes("hello".getBytes());
                break;
            case 5: // a continuation of nothing
                b.writeByte(0x80).writeByte(1).writeByte('x');
                break;
            case 6: // a new message inside a fragmented one
                b.writeBytes(
                        encode(
                                new TextWebSocketFrame(
                                        false, 0, Unpooled.copiedBuffer("a".getBytes()))));
                b.writeBytes(encode(new TextWebSocketFrame("b")));
                break;
            default: // a fragmented ping
                b.writeByte(0x09).writeByte(1).writeByte('p');
                break;
        }
        return b;
    }

    private static ByteBuf encode(WebSocketFrame... frames) {
        EmbeddedChannel enc = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
        ByteBuf all = Unpooled.buffer();
        for (WebSocketFrame f : frames) {
            enc.writeOutbound(f);
            for (ByteBuf o; (o = enc.readOutbound()) != null; ) {
                all.writeBytes(o);
                o.release();
            }
        }
        enc.finishAndReleaseAll();
        return all;
    }
}

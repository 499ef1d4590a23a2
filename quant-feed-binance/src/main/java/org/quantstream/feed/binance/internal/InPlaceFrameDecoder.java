package org.quantstream.feed.binance.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.util.List;

/**
 * Netty's WebSocket frame decoder with a fast lane for what a market stream is made of: a whole,
 * unfragmented, unmasked text frame is handed to a {@link TextSink} where it lies in the received
 * bytes, with no copy, no frame object and no trip down the channel pipeline (Netty's decoder
 * copied each payload into a pooled buffer and sent a frame object through three handlers: about a
 * third of the I/O thread's time per trade). Every other frame (ping, pong, close, binary,
 * fragments and their continuations, and anything Netty's decoder would refuse: reserved bits, a
 * mask, a length that is not minimally encoded or too long) goes to Netty's decoder unchanged, one
 * whole frame at a time, so its validation, errors and close handling stay what they were. After a
 * close frame or a frame Netty's decoder may refuse, everything goes its way.
 *
 * <p>One per connection, on its I/O thread; not thread-safe.
 */
public final class InPlaceFrameDecoder extends WebSocket08FrameDecoder {
    /** Receives the text frames of the fast lane. */
    @FunctionalInterface
    public interface TextSink {
        /**
         * One whole text frame's payload.
         *
         * @param buf the received bytes (read only; do not keep: valid during the call)
         * @param index where the payload starts in {@code buf}
         * @param length its length in bytes
         */
        void onText(ByteBuf buf, int index, int length);
    }

    /**
     * Passed down the pipeline after frames went the fast lane while reading is paused: a message
     * that keeps Netty's decoder from reading on. Handlers after the decoder drop it.
     */
    public static final Object DELIVERED =
            new Object() {
                @Override
                public String toString() {
                    return "frames delivered in place";
                }
            };

    private static final int OPCODE_CONTINUATION = 0;
    private static final int OPCODE_TEXT = 1;
    private static final int OPCODE_BINARY = 2;
    private static final int OPCODE_CLOSE = 8;
    private static final int OPCODE_PING = 9;
    private static final int OPCODE_PONG = 10;

    private final TextSink sink;
    private final int maxPayload;
    private boolean insideFragments;
    private boolean passThrough;

    /**
     * A decoder for frames from a server (unmasked, no extensions).
     *
     * @param maxPayload the largest payload accepted, in bytes
     * @param sink receives the whole text frames
     */
    public InPlaceFrameDecoder(int maxPayload, TextSink sink) {
        super(
                WebSocketDecoderConfig.newBuilder()
                        .expectMaskedFrames(false)
                        .allowExtensions(false)
                        .allowMaskMismatch(false)
                        .maxFramePayloadLength(maxPayload)
                        .build());
        this.sink = sink;
        this.maxPayload = maxPayload;
    }

    /**
     * A client handshaker (RFC 6455, masking on, no extensions, no sub-protocol) whose connection
     * decodes frames with an {@code InPlaceFrameDecoder} once the handshake is done.
     *
     * @param uri the WebSocket address
     * @param maxPayload the largest payload accepted, in bytes
     * @param sink receives the whole text frames
     * @return the handshaker, for one connection
     */
    public static WebSocketClientHandshaker handshaker(URI uri, int maxPayload, TextSink sink) {
        return new WebSocketClientHandshaker13(
                uri,
                WebSocketVersion.V13,
                null,
                false,
                EmptyHttpHeaders.INSTANCE,
                maxPayload,
                true,
                false,
                10_000L) {
            @Override
            protected WebSocketFrameDecoder newWebsocketDecoder() {
                return new InPlaceFrameDecoder(maxPayload, sink);
            }
        };
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out)
            throws Exception {
        if (passThrough) {
            super.decode(ctx, in, out);
            return;
        }
        if (lane(ctx, in, out) && out.isEmpty() && !ctx.channel().config().isAutoRead()) {
            // Netty's decoder asks the socket for more when a read gave it no message, even when
            // reading is paused: without a message out, a consumer's pause would not hold
            out.add(DELIVERED);
        }
    }

    /** Frames in place while they are plain text; true if it delivered any. */
    private boolean lane(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        boolean delivered = false;
        for (; ; ) {
            int r = in.readerIndex();
            int n = in.writerIndex() - r;
            if (n < 2) {
                return delivered;
            }
            int b0 = in.getUnsignedByte(r);
            int b1 = in.getUnsignedByte(r + 1);
            int opcode = b0 & 0x0F;
            boolean fin = (b0 & 0x80) != 0;
            boolean plain = (b0 & 0x70) == 0 && (b1 & 0x80) == 0; // no reserved bits, no mask
            long len = b1 & 0x7F;
            int header = 2;
            if (len == 126) {
                if (n < 4) {
                    return delivered;
                }
                len = in.getUnsignedShort(r + 2);
                header = 4;
                plain &= len >= 126; // Netty refuses a length not minimally encoded
            } else if (len == 127) {
                if (n < 10) {
                    return delivered;
                }
                len = in.getLong(r + 2);
                header = 10;
                plain &= len >= 65_536;
            }
            if (len < 0 || len > maxPayload) { // Netty's decoder reports it from the header
                passThrough = true;
                super.decode(ctx, in, out);
                return delivered;
            }
            int total = header + ((b1 & 0x80) != 0 ? 4 : 0) + (int) len;
            if (n < total) {
                return delivered; // the whole frame first: Netty's decoder is then always at a
                // boundary
            }
            if (plain && fin && opcode == OPCODE_TEXT && !insideFragments) {
                in.readerIndex(r + total);
                sink.onText(in, r + header, (int) len);
                delivered = true;
                continue;
            }
            if (!plain
                    || opcode == OPCODE_CLOSE
                    || !known(opcode)
                    || (opcode >= OPCODE_CLOSE && (!fin || len > 125))) {
                passThrough = true; // Netty's decoder decides, and may stop decoding
            } else if (opcode == OPCODE_TEXT || opcode == OPCODE_BINARY) {
                passThrough = insideFragments; // a new message inside one is refused
                insideFragments = !fin;
            } else if (opcode == OPCODE_CONTINUATION) {
                passThrough = !insideFragments; // a continuation of nothing is refused
                insideFragments = !fin;
            }
            super.decode(ctx, in, out); // exactly this frame
            return delivered;
        }
    }

    private static boolean known(int opcode) {
        return opcode == OPCODE_CONTINUATION
                || opcode == OPCODE_TEXT
                || opcode == OPCODE_BINARY
                || opcode == OPCODE_PING
                || opcode == OPCODE_PONG;
    }
}

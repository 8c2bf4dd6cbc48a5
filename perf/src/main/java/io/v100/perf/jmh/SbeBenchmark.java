package io.v100.perf.jmh;

import io.v100.sbe.BetRequestDecoder;
import io.v100.sbe.BetRequestEncoder;
import io.v100.sbe.BetResultCode;
import io.v100.sbe.BetResultDecoder;
import io.v100.sbe.BetResultEncoder;
import io.v100.sbe.BooleanType;
import io.v100.sbe.MarketType;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.Selection;
import io.v100.sbe.VideoFrameDecoder;
import io.v100.sbe.VideoFrameEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * SBE encode and decode of the main messages: VideoFrame (the most frequent input, with its 4-rendition group),
 * BetRequest (the input that must be answered fastest) and BetResult (its answer). Encode writes every field
 * through the generated flyweight over a reused buffer; decode reads every field back and folds them into one
 * value, so no read can be eliminated.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true",
    "-Dchronicle.announcer.disable=true" })
public class SbeBenchmark
{
    private static final int RENDITIONS = 4;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final VideoFrameEncoder videoEncoder = new VideoFrameEncoder();
    private final VideoFrameDecoder videoDecoder = new VideoFrameDecoder();
    private final BetRequestEncoder betEncoder = new BetRequestEncoder();
    private final BetRequestDecoder betDecoder = new BetRequestDecoder();
    private final BetResultEncoder resultEncoder = new BetResultEncoder();
    private final BetResultDecoder resultDecoder = new BetResultDecoder();
    private final UnsafeBuffer videoFrame = new UnsafeBuffer(new byte[512]);
    private final UnsafeBuffer betRequest = new UnsafeBuffer(new byte[512]);
    private final UnsafeBuffer betResult = new UnsafeBuffer(new byte[512]);
    private long sequence;

    /**
     * Encode one message of each kind for the decode benchmarks.
     */
    @Setup
    public void setUp()
    {
        encodeVideo(videoFrame, 1);
        encodeBet(betRequest, 1);
        encodeResult(betResult, 1);
    }

    /**
     * @return encoded length.
     */
    @Benchmark
    public int encodeVideoFrame()
    {
        return encodeVideo(buffer, ++sequence);
    }

    /**
     * @return fold of every field.
     */
    @Benchmark
    public long decodeVideoFrame()
    {
        final VideoFrameDecoder d = videoDecoder.wrapAndApplyHeader(videoFrame, 0, headerDecoder);
        long fold = d.clientId() + d.clientSequence() + d.timestampNs() + d.pts() + d.idr().value();
        for (final VideoFrameDecoder.RenditionsDecoder r : d.renditions())
        {
            fold += r.renditionId() * 31L + r.frameBytes();
        }
        return fold;
    }

    /**
     * @return encoded length.
     */
    @Benchmark
    public int encodeBetRequest()
    {
        return encodeBet(buffer, ++sequence);
    }

    /**
     * @return fold of every field.
     */
    @Benchmark
    public long decodeBetRequest()
    {
        final BetRequestDecoder d = betDecoder.wrapAndApplyHeader(betRequest, 0, headerDecoder);
        return d.clientId() + d.clientSequence() + d.timestampNs() + d.betId() + d.accountId() +
            d.marketRaw() + d.selectionRaw() + d.stakeMinor() + d.oddsTaken() + d.streamPositionNs();
    }

    /**
     * @return encoded length.
     */
    @Benchmark
    public int encodeBetResult()
    {
        return encodeResult(buffer, ++sequence);
    }

    /**
     * @return fold of every field.
     */
    @Benchmark
    public long decodeBetResult()
    {
        final BetResultDecoder d = resultDecoder.wrapAndApplyHeader(betResult, 0, headerDecoder);
        return d.ringSequence() + d.timestampNs() + d.betId() + d.accountId() + d.codeRaw() + d.marketRaw() +
            d.selectionRaw() + d.stakeMinor() + d.decimalOdds();
    }

    private int encodeVideo(final UnsafeBuffer target, final long seq)
    {
        videoEncoder.wrapAndApplyHeader(target, 0, headerEncoder)
            .clientId(1)
            .clientSequence(seq)
            .timestampNs(1_537_713_000_000_000_000L + seq * 40_000_000L)
            .pts(seq * 3_600L)
            .idr(seq % 50 == 0 ? BooleanType.TRUE : BooleanType.FALSE);
        final VideoFrameEncoder.RenditionsEncoder renditions = videoEncoder.renditionsCount(RENDITIONS);
        for (int r = 0; r < RENDITIONS; r++)
        {
            renditions.next().renditionId((short)r).frameBytes(20_000 + r * 10_000 + (int)(seq & 0xFF));
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + videoEncoder.encodedLength();
    }

    private int encodeBet(final UnsafeBuffer target, final long seq)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + betEncoder.wrapAndApplyHeader(target, 0, headerEncoder)
            .clientId(1)
            .clientSequence(seq)
            .timestampNs(1_537_713_000_000_000_000L + seq)
            .betId(seq)
            .accountId(1_000_000L + (seq & 0x3FF))
            .market(MarketType.MATCH_RESULT)
            .selection(Selection.HOME)
            .stakeMinor(1_000)
            .oddsTaken(2_150)
            .streamPositionNs(1_537_713_000_000_000_000L + seq - 5_000_000_000L)
            .encodedLength();
    }

    private int encodeResult(final UnsafeBuffer target, final long seq)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + resultEncoder.wrapAndApplyHeader(target, 0, headerEncoder)
            .ringSequence(seq)
            .timestampNs(1_537_713_000_000_000_000L + seq)
            .betId(seq)
            .accountId(1_000_000L + (seq & 0x3FF))
            .code(BetResultCode.HELD)
            .market(MarketType.MATCH_RESULT)
            .selection(Selection.HOME)
            .stakeMinor(1_000)
            .decimalOdds(2_150)
            .encodedLength();
    }
}

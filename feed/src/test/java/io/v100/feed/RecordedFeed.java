package io.v100.feed;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.IntArrayList;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Every frame of one generation, copied into one buffer, plus the SHA-256 over all of them in order.
 */
final class RecordedFeed implements IngressFrameSink
{
    final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(32 * 1024 * 1024);
    final IntArrayList offsets = new IntArrayList();
    final IntArrayList lengths = new IntArrayList();
    private final MessageDigest digest;
    private final byte[] scratch = new byte[4096];
    private int limit;

    RecordedFeed()
    {
        try
        {
            digest = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    static RecordedFeed generate(final IngressStream stream)
    {
        final RecordedFeed feed = new RecordedFeed();
        boolean more = true;
        while (more)
        {
            more = stream.next(feed);
        }
        return feed;
    }

    public void onFrame(final DirectBuffer src, final int offset, final int length)
    {
        buffer.putBytes(limit, src, offset, length);
        offsets.addInt(limit);
        lengths.addInt(length);
        limit += length;
        src.getBytes(offset, scratch, 0, length);
        digest.update(scratch, 0, length);
    }

    int size()
    {
        return offsets.size();
    }

    int offset(final int index)
    {
        return offsets.getInt(index);
    }

    byte[] sha256()
    {
        return digest.digest();
    }
}

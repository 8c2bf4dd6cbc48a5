package io.v100.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.agrona.DirectBuffer;
import uk.co.real_logic.sbe.otf.OtfHeaderDecoder;

import java.util.Iterator;
import java.util.Map;

/**
 * Compares two SBE messages field by field through the schema IR and names the first difference in wire order,
 * for {@code replay --verify} to say what a rerun changed rather than only that the bytes differ.
 * <p>
 * Order of the checks: the message type (template id), then the header (schema id, version, block length),
 * then whether each frame decodes, then the fields as {@link MessageJson} decodes them, depth first in wire order
 * (a group's entry count before its entries), then trailing bytes, and last the raw bytes, for frames that decode
 * to the same values yet differ (padding, NaN payloads). Field paths read like {@code prices[1].decimalOdds};
 * a group's entry count is {@code prices.numInGroup}, the name SBE's {@code groupSizeEncoding} gives it;
 * var data reads {@code wagering.length} then {@code wagering.hex}.
 * <p>
 * Allocates per comparison: a tool, never on the ring's hot path. Not thread-safe.
 */
public final class MessageDiff
{
    /** Field path of a difference in message type: values are the two message names. */
    public static final String MESSAGE_TYPE = "messageType";

    /**
     * The first difference between two messages.
     *
     * @param messageName name of message A (of B when A's template is unknown; "unknown" when neither is known).
     * @param fieldPath   where they differ: {@link #MESSAGE_TYPE}, {@code header.version}, {@code error}, a field
     *                    path such as {@code prices[1].decimalOdds}, {@code trailingBytes}, {@code length} or
     *                    {@code bytes[i]}.
     * @param valueA      the value in message A, as text (enum names bare, hex for byte arrays).
     * @param valueB      the value in message B, as text.
     */
    public record Difference(String messageName, String fieldPath, String valueA, String valueB)
    {
    }

    private static final String ABSENT = "absent";

    private final MessageJson json;
    private final OtfHeaderDecoder header;

    /**
     * @param schema IR of the schema both messages follow.
     */
    public MessageDiff(final SchemaIr schema)
    {
        json = new MessageJson(schema);
        header = schema.newHeaderDecoder();
    }

    /**
     * @param bufferA holding message A.
     * @param offsetA of A's message header.
     * @param lengthA of A in bytes, header included.
     * @param bufferB holding message B.
     * @param offsetB of B's message header.
     * @param lengthB of B in bytes, header included.
     * @return the first difference, or null when the two frames are byte-identical.
     */
    public Difference compare(
        final DirectBuffer bufferA,
        final int offsetA,
        final int lengthA,
        final DirectBuffer bufferB,
        final int offsetB,
        final int lengthB)
    {
        if (lengthA == lengthB && firstDifferingByte(bufferA, offsetA, bufferB, offsetB, lengthA) < 0)
        {
            return null;
        }

        final ObjectNode a = json.decode(bufferA, offsetA, lengthA);
        final ObjectNode b = json.decode(bufferB, offsetB, lengthB);
        final String name = messageName(a, b);
        final int headerLength = header.encodedLength();
        if (lengthA >= headerLength && lengthB >= headerLength)
        {
            final Difference headerDifference = compareHeaders(name, a, b, bufferA, offsetA, bufferB, offsetB);
            if (null != headerDifference)
            {
                return headerDifference;
            }
        }

        final String errorA = a.path(MessageJson.ERROR).asText("");
        final String errorB = b.path(MessageJson.ERROR).asText("");
        if (!errorA.equals(errorB))
        {
            return new Difference(name, MessageJson.ERROR, errorA.isEmpty() ? "decoded" : errorA,
                errorB.isEmpty() ? "decoded" : errorB);
        }

        final Difference fieldDifference = compareNodes(name, "", a.path(MessageJson.FIELDS), b.path(MessageJson.FIELDS));
        if (null != fieldDifference)
        {
            return fieldDifference;
        }

        final int trailingA = a.path("trailingBytes").asInt(0);
        final int trailingB = b.path("trailingBytes").asInt(0);
        if (trailingA != trailingB)
        {
            return new Difference(name, "trailingBytes", Integer.toString(trailingA), Integer.toString(trailingB));
        }

        final int common = Math.min(lengthA, lengthB);
        final int index = firstDifferingByte(bufferA, offsetA, bufferB, offsetB, common);
        if (index < 0)
        {
            return new Difference(name, "length", Integer.toString(lengthA), Integer.toString(lengthB));
        }
        return new Difference(name, "bytes[" + index + "]",
            String.format("%02x", bufferA.getByte(offsetA + index) & 0xFF),
            String.format("%02x", bufferB.getByte(offsetB + index) & 0xFF));
    }

    private Difference compareHeaders(
        final String name,
        final ObjectNode a,
        final ObjectNode b,
        final DirectBuffer bufferA,
        final int offsetA,
        final DirectBuffer bufferB,
        final int offsetB)
    {
        final int templateA = header.getTemplateId(bufferA, offsetA);
        final int templateB = header.getTemplateId(bufferB, offsetB);
        final int schemaA = header.getSchemaId(bufferA, offsetA);
        final int schemaB = header.getSchemaId(bufferB, offsetB);
        if (templateA != templateB || schemaA != schemaB)
        {
            return new Difference(name, MESSAGE_TYPE, typeLabel(a, schemaA, templateA), typeLabel(b, schemaB, templateB));
        }
        final int versionA = header.getSchemaVersion(bufferA, offsetA);
        final int versionB = header.getSchemaVersion(bufferB, offsetB);
        if (versionA != versionB)
        {
            return new Difference(name, "header.version", Integer.toString(versionA), Integer.toString(versionB));
        }
        final int blockLengthA = header.getBlockLength(bufferA, offsetA);
        final int blockLengthB = header.getBlockLength(bufferB, offsetB);
        if (blockLengthA != blockLengthB)
        {
            return new Difference(name, "header.blockLength", Integer.toString(blockLengthA),
                Integer.toString(blockLengthB));
        }
        return null;
    }

    private static Difference compareNodes(final String name, final String path, final JsonNode a, final JsonNode b)
    {
        if (a.isObject() && b.isObject())
        {
            final Iterator<Map.Entry<String, JsonNode>> fields = a.fields();
            while (fields.hasNext())
            {
                final Map.Entry<String, JsonNode> field = fields.next();
                final String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                final JsonNode other = b.get(field.getKey());
                final Difference difference = null == other ?
                    new Difference(name, childPath, text(field.getValue()), ABSENT) :
                    compareNodes(name, childPath, field.getValue(), other);
                if (null != difference)
                {
                    return difference;
                }
            }
            final Iterator<Map.Entry<String, JsonNode>> otherFields = b.fields();
            while (otherFields.hasNext())
            {
                final Map.Entry<String, JsonNode> field = otherFields.next();
                if (!a.has(field.getKey()))
                {
                    final String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                    return new Difference(name, childPath, ABSENT, text(field.getValue()));
                }
            }
            return null;
        }

        if (a.isArray() && b.isArray())
        {
            if (a.size() != b.size())
            {
                return new Difference(name, path + ".numInGroup", Integer.toString(a.size()), Integer.toString(b.size()));
            }
            for (int i = 0; i < a.size(); i++)
            {
                final Difference difference = compareNodes(name, path + "[" + i + "]", a.get(i), b.get(i));
                if (null != difference)
                {
                    return difference;
                }
            }
            return null;
        }

        return a.equals(b) ? null : new Difference(name, path, text(a), text(b));
    }

    private static String messageName(final ObjectNode a, final ObjectNode b)
    {
        if (a.has(MessageJson.MESSAGE))
        {
            return a.get(MessageJson.MESSAGE).asText();
        }
        return b.has(MessageJson.MESSAGE) ? b.get(MessageJson.MESSAGE).asText() : "unknown";
    }

    private static String typeLabel(final ObjectNode decoded, final int schemaId, final int templateId)
    {
        return decoded.has(MessageJson.MESSAGE) ?
            decoded.get(MessageJson.MESSAGE).asText() : "schema " + schemaId + " template " + templateId;
    }

    private static String text(final JsonNode node)
    {
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /**
     * @return the index of the first differing byte within length, or -1 when none differs.
     */
    private static int firstDifferingByte(
        final DirectBuffer bufferA,
        final int offsetA,
        final DirectBuffer bufferB,
        final int offsetB,
        final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (bufferA.getByte(offsetA + i) != bufferB.getByte(offsetB + i))
            {
                return i;
            }
        }
        return -1;
    }
}

package io.v100.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.agrona.DirectBuffer;
import uk.co.real_logic.sbe.PrimitiveType;
import uk.co.real_logic.sbe.PrimitiveValue;
import uk.co.real_logic.sbe.ir.Encoding;
import uk.co.real_logic.sbe.ir.Signal;
import uk.co.real_logic.sbe.ir.Token;
import uk.co.real_logic.sbe.otf.TokenListener;
import uk.co.real_logic.sbe.otf.Types;

import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds a Jackson tree of one message from the callbacks of SBE's {@code OtfMessageDecoder}, in wire order.
 * <p>
 * Shapes: primitive fields as JSON numbers (unsigned types widened so they never read negative; a uint64 above
 * {@code Long.MAX_VALUE} as a big integer), char arrays as strings cut at the first NUL, other int8/uint8 arrays
 * (a KID, a content key) as lower-case hex, other arrays as JSON arrays, enums by valid-value name (the raw number
 * when the value is not one of the schema's), sets as arrays of the names of the set choices, composites as
 * objects, repeating groups as arrays of objects, var data as {@code {"length": n, "hex": ...}} with the hex
 * left out past a limit. An optional field holding its null value, or a field newer than the acting version,
 * reads JSON null. Follows the OTF token model of Real Logic's sbe-tool and FIX SBE 1.0 §2 (types) and §5
 * (groups, var data).
 * <p>
 * Not thread-safe: one instance per decoding thread, reset before each message.
 */
final class TreeTokenListener implements TokenListener
{
    private static final HexFormat HEX = HexFormat.of();

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final ArrayDeque<ObjectNode> objects = new ArrayDeque<>();
    private final int varDataHexLimit;
    private int compositeDepth;

    /**
     * @param varDataHexLimit largest var data field, in bytes, whose content is written as hex.
     */
    TreeTokenListener(final int varDataHexLimit)
    {
        this.varDataHexLimit = varDataHexLimit;
    }

    /**
     * @param root object that receives the message's fields.
     */
    void reset(final ObjectNode root)
    {
        objects.clear();
        objects.push(root);
        compositeDepth = 0;
    }

    public void onBeginMessage(final Token token)
    {
    }

    public void onEndMessage(final Token token)
    {
    }

    public void onEncoding(
        final Token fieldToken,
        final DirectBuffer buffer,
        final int bufferIndex,
        final Token typeToken,
        final int actingVersion)
    {
        final String name = fieldToken.name();
        if (fieldToken.version() > actingVersion)
        {
            current().putNull(name);
            return;
        }
        if (typeToken.isConstantEncoding())
        {
            current().set(name, constant(typeToken.encoding()));
            return;
        }

        final Encoding encoding = typeToken.encoding();
        final PrimitiveType type = encoding.primitiveType();
        final int arrayLength = typeToken.arrayLength();
        if (1 == arrayLength)
        {
            current().set(name, scalar(buffer, bufferIndex, encoding));
        }
        else if (PrimitiveType.CHAR == type)
        {
            current().put(name, text(buffer, bufferIndex, arrayLength, encoding.characterEncoding()));
        }
        else if (PrimitiveType.UINT8 == type || PrimitiveType.INT8 == type)
        {
            current().put(name, hex(buffer, bufferIndex, arrayLength));
        }
        else
        {
            final ArrayNode array = current().putArray(name);
            for (int i = 0; i < arrayLength; i++)
            {
                array.add(scalar(buffer, bufferIndex + i * type.size(), encoding));
            }
        }
    }

    public void onEnum(
        final Token fieldToken,
        final DirectBuffer buffer,
        final int bufferIndex,
        final List<Token> tokens,
        final int fromIndex,
        final int toIndex,
        final int actingVersion)
    {
        final String name = memberName(fieldToken, tokens, fromIndex);
        if (fieldToken.version() > actingVersion)
        {
            current().putNull(name);
            return;
        }
        final long raw = Types.getLong(buffer, bufferIndex, tokens.get(fromIndex).encoding());
        for (int i = fromIndex + 1; i < toIndex; i++)
        {
            final Token validValue = tokens.get(i);
            if (Signal.VALID_VALUE == validValue.signal() && validValue.encoding().constValue().longValue() == raw)
            {
                current().put(name, validValue.name());
                return;
            }
        }
        current().put(name, raw);
    }

    public void onBitSet(
        final Token fieldToken,
        final DirectBuffer buffer,
        final int bufferIndex,
        final List<Token> tokens,
        final int fromIndex,
        final int toIndex,
        final int actingVersion)
    {
        final String name = memberName(fieldToken, tokens, fromIndex);
        if (fieldToken.version() > actingVersion)
        {
            current().putNull(name);
            return;
        }
        final long raw = Types.getLong(buffer, bufferIndex, tokens.get(fromIndex).encoding());
        final ArrayNode choices = current().putArray(name);
        for (int i = fromIndex + 1; i < toIndex; i++)
        {
            final Token choice = tokens.get(i);
            if (Signal.CHOICE == choice.signal() && 0 != (raw & (1L << choice.encoding().constValue().longValue())))
            {
                choices.add(choice.name());
            }
        }
    }

    public void onBeginComposite(final Token fieldToken, final List<Token> tokens, final int fromIndex, final int toIndex)
    {
        final ObjectNode composite = current().putObject(memberName(fieldToken, tokens, fromIndex));
        objects.push(composite);
        compositeDepth++;
    }

    public void onEndComposite(final Token fieldToken, final List<Token> tokens, final int fromIndex, final int toIndex)
    {
        compositeDepth--;
        objects.pop();
    }

    public void onGroupHeader(final Token token, final int numInGroup)
    {
        current().putArray(token.name());
    }

    public void onBeginGroup(final Token token, final int groupIndex, final int numInGroup)
    {
        final ArrayNode entries = (ArrayNode)current().get(token.name());
        objects.push(entries.addObject());
    }

    public void onEndGroup(final Token token, final int groupIndex, final int numInGroup)
    {
        objects.pop();
    }

    public void onVarData(
        final Token fieldToken,
        final DirectBuffer buffer,
        final int bufferIndex,
        final int length,
        final Token typeToken)
    {
        final ObjectNode data = current().putObject(fieldToken.name());
        data.put("length", length);
        if (length <= varDataHexLimit)
        {
            data.put("hex", hex(buffer, bufferIndex, length));
        }
    }

    private ObjectNode current()
    {
        return objects.peek();
    }

    /**
     * A member of a composite is reported with the enclosing field's token, so its own name is on its first token.
     */
    private String memberName(final Token fieldToken, final List<Token> tokens, final int fromIndex)
    {
        return 0 == compositeDepth ? fieldToken.name() : tokens.get(fromIndex).name();
    }

    private JsonNode scalar(final DirectBuffer buffer, final int index, final Encoding encoding)
    {
        final ByteOrder order = encoding.byteOrder();
        final boolean optional = Encoding.Presence.OPTIONAL == encoding.presence();
        switch (encoding.primitiveType())
        {
            case CHAR:
                return nodes.textNode(String.valueOf((char)(buffer.getByte(index) & 0xFF)));
            case FLOAT:
            {
                final float value = buffer.getFloat(index, order);
                return optional && Float.isNaN(value) ? nodes.nullNode() : nodes.numberNode(value);
            }
            case DOUBLE:
            {
                final double value = buffer.getDouble(index, order);
                return optional && Double.isNaN(value) ? nodes.nullNode() : nodes.numberNode(value);
            }
            default:
                break;
        }

        final long value = Types.getLong(buffer, index, encoding);
        if (optional && value == encoding.applicableNullValue().longValue())
        {
            return nodes.nullNode();
        }
        switch (encoding.primitiveType())
        {
            case UINT8:
                return nodes.numberNode((int)(value & 0xFFL));
            case UINT16:
                return nodes.numberNode((int)(value & 0xFFFFL));
            case UINT32:
                return nodes.numberNode(value & 0xFFFF_FFFFL);
            case UINT64:
                return value >= 0 ? nodes.numberNode(value) : nodes.numberNode(new BigInteger(Long.toUnsignedString(value)));
            case INT64:
                return nodes.numberNode(value);
            default:
                return nodes.numberNode((int)value);
        }
    }

    private JsonNode constant(final Encoding encoding)
    {
        final PrimitiveValue value = encoding.constValue();
        switch (encoding.primitiveType())
        {
            case CHAR:
                return nodes.textNode(value.toString());
            case FLOAT:
            case DOUBLE:
                return nodes.numberNode(value.doubleValue());
            default:
                return nodes.numberNode(value.longValue());
        }
    }

    private static String text(final DirectBuffer buffer, final int index, final int length, final String charsetName)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(index, bytes);
        int end = 0;
        while (end < length && 0 != bytes[end])
        {
            end++;
        }
        final Charset charset = null == charsetName ? StandardCharsets.US_ASCII : Charset.forName(charsetName);
        return new String(bytes, 0, end, charset);
    }

    private static String hex(final DirectBuffer buffer, final int index, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(index, bytes);
        return HEX.formatHex(bytes);
    }
}

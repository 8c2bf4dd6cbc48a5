package io.v100.tools;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import uk.co.real_logic.sbe.ir.Token;
import uk.co.real_logic.sbe.otf.OtfHeaderDecoder;
import uk.co.real_logic.sbe.otf.OtfMessageDecoder;

import java.util.List;

/**
 * Decodes any SBE message of the V100 schema into a JSON object through the schema IR and SBE's on-the-fly
 * decoder, so a message added to the schema is decoded with no new code.
 * <p>
 * A decoded message reads {@code {"message": "MatchEvent", "fields": {...}}} with the fields in wire order and
 * shaped as {@link TreeTokenListener} describes (enums by name, KIDs and content keys as hex, groups as arrays of
 * objects); {@code "trailingBytes": n} follows when the frame is longer than the message. A frame that cannot be
 * decoded reads {@code {"error": "...", ...}} instead, with {@code "message"} when the template is known and the
 * header fields when they could be read: nothing is thrown. Reasons: shorter than the 8-byte message header,
 * another schema id, an unknown template id, a block length shorter than the schema's for the current version,
 * or a field, group or var data that ends past the frame (FIX SBE 1.0 §4 message header, §5 groups and var data).
 * <p>
 * Truncation is caught by Agrona's buffer bounds checks, which are on unless {@code agrona.disable.bounds.checks}
 * is set. Allocates per message: a tool, never on the ring's hot path. Not thread-safe.
 */
public final class MessageJson
{
    /** Var data fields up to this many bytes are written as hex; longer ones only by length. */
    public static final int VAR_DATA_HEX_LIMIT_DEFAULT = 256;

    /** Key of the message name. */
    public static final String MESSAGE = "message";

    /** Key of the object holding the decoded fields. */
    public static final String FIELDS = "fields";

    /** Key of the reason a frame could not be decoded. */
    public static final String ERROR = "error";

    private final SchemaIr schema;
    private final OtfHeaderDecoder header;
    private final TreeTokenListener listener;
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);

    /**
     * @param schema IR of the schema the messages follow.
     */
    public MessageJson(final SchemaIr schema)
    {
        this(schema, VAR_DATA_HEX_LIMIT_DEFAULT);
    }

    /**
     * @param schema          IR of the schema the messages follow.
     * @param varDataHexLimit largest var data field, in bytes, written as hex.
     */
    public MessageJson(final SchemaIr schema, final int varDataHexLimit)
    {
        this.schema = schema;
        this.header = schema.newHeaderDecoder();
        this.listener = new TreeTokenListener(varDataHexLimit);
    }

    /**
     * @return the schema IR messages are decoded with.
     */
    public SchemaIr schema()
    {
        return schema;
    }

    /**
     * @param buffer holding the message.
     * @param offset of its message header.
     * @param length of the frame in bytes, header included; nothing past it is read.
     * @return the decoded message, or an object with an {@value #ERROR} field.
     */
    public ObjectNode decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final ObjectNode result = JsonNodeFactory.instance.objectNode();
        final int headerLength = header.encodedLength();
        if (length < headerLength)
        {
            result.put(ERROR, "truncated: " + length + " bytes, shorter than the " + headerLength +
                "-byte message header");
            return result;
        }

        view.wrap(buffer, offset, length);
        final int templateId = header.getTemplateId(view, 0);
        final int schemaId = header.getSchemaId(view, 0);
        final int version = header.getSchemaVersion(view, 0);
        final int blockLength = header.getBlockLength(view, 0);
        final List<Token> tokens = schemaId == schema.schemaId() ? schema.messageTokens(templateId) : null;
        if (null != tokens)
        {
            result.put(MESSAGE, tokens.get(0).name());
        }

        final String error = headerError(tokens, templateId, schemaId, version, blockLength);
        if (null != error)
        {
            return error(result, error, templateId, schemaId, version, blockLength);
        }

        final ObjectNode fields = JsonNodeFactory.instance.objectNode();
        listener.reset(fields);
        final int end;
        try
        {
            end = OtfMessageDecoder.decode(view, headerLength, version, blockLength, tokens, listener);
        }
        catch (final IndexOutOfBoundsException ex)
        {
            return error(result, "truncated: the message runs past the end of its " + length + "-byte frame",
                templateId, schemaId, version, blockLength);
        }
        catch (final RuntimeException ex)
        {
            return error(result, "cannot decode: " + ex, templateId, schemaId, version, blockLength);
        }

        result.set(FIELDS, fields);
        if (end < length)
        {
            result.put("trailingBytes", length - end);
        }
        return result;
    }

    private String headerError(
        final List<Token> tokens,
        final int templateId,
        final int schemaId,
        final int version,
        final int blockLength)
    {
        if (schemaId != schema.schemaId())
        {
            return "wrong schema id " + schemaId + ", expected " + schema.schemaId();
        }
        if (null == tokens)
        {
            return "unknown template id " + templateId;
        }
        final int schemaBlockLength = tokens.get(0).encodedLength();
        if (version >= schema.schemaVersion() && blockLength < schemaBlockLength)
        {
            return "block length " + blockLength + " is shorter than the schema's " + schemaBlockLength + " bytes";
        }
        return null;
    }

    private static ObjectNode error(
        final ObjectNode result,
        final String reason,
        final int templateId,
        final int schemaId,
        final int version,
        final int blockLength)
    {
        result.put(ERROR, reason);
        result.put("templateId", templateId);
        result.put("schemaId", schemaId);
        result.put("version", version);
        result.put("blockLength", blockLength);
        return result;
    }
}

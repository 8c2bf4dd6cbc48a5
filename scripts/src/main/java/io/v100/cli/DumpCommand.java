package io.v100.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.v100.journal.EgressJournalReader;
import io.v100.journal.JournalContext;
import io.v100.journal.JournalKind;
import io.v100.journal.JournalReader;
import io.v100.tools.MessageJson;
import io.v100.tools.SchemaIr;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code v100 dump}: print a journal as JSON lines, one per input (input journal) or per egress message (egress
 * journal), every field decoded through the schema IR ({@link MessageJson}), so new messages need no new code.
 * <p>
 * Line shapes, keys in this order:
 * <pre>
 *   input:  {"index": i, "ringSequence": s, "timestampNs": received, "message": name, "fields": {...}}
 *   egress: {"index": i, "position": p, "ringSequence": s, "timestampNs": the message's own timestampNs or null,
 *            "message": name, "fields": {...}}
 * </pre>
 * where index is the Chronicle Queue index of the entry (of the tick's document for egress) and position the
 * 0-based place of the message within its tick. An input stored shorter than received adds {@code frameLength}
 * and {@code storedLength}. A frame that does not decode prints {@code "error"} in place of {@code "fields"},
 * still one line. Exit codes: 0 when the journal was read; 2 with a message on stderr for a missing directory,
 * an unreadable or missing marker without {@code --kind}, an unknown {@code --type}, a {@code --from} index not
 * in the journal, a negative {@code --limit}, or a journal that cannot be opened; picocli's own 2 for bad usage.
 */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
        "Print a journal as JSON lines, every field decoded through the SBE schema.",
        "One line per input (input journal) or per egress message (egress journal);",
        "enums by name, KIDs and keys as hex, groups as arrays of objects.",
        "Input line: index, ringSequence, timestampNs (receive time), message, fields;",
        "an input stored shorter than received adds frameLength and storedLength.",
        "Egress line: index (of the tick), position (0-based within the tick),",
        "ringSequence, timestampNs (the message's own field, null if it has none),",
        "message, fields. index is the Chronicle Queue index, as --from takes it.",
        "A frame that does not decode prints \"error\" instead of \"fields\".",
        "Exits 2 with a message on stderr when the journal cannot be read as asked." })
public final class DumpCommand implements Callable<Integer>
{
    /** Exit code when the journal cannot be read as asked (picocli uses the same for usage errors). */
    public static final int EXIT_ERROR = 2;

    /** Largest frame or message read back; larger than any the core stores, so no entry is skipped for size. */
    static final int MAX_FRAME_LENGTH = 1 << 20;

    /** Lines between checks that stdout is still open (e.g. not closed by {@code head}); a check flushes it. */
    private static final int CHECK_OUTPUT_EVERY_LINES = 256;

    @Option(names = "--journal", paramLabel = "DIR", required = true,
        description = "Journal directory (an input or egress journal).")
    Path journal;

    @Option(names = "--from", paramLabel = "INDEX",
        description = "Start at this Chronicle Queue index, as printed in \"index\" (default: the first entry). " +
            "An error if the journal holds no entry (egress: no tick) at that index.")
    Long from;

    @Option(names = "--limit", paramLabel = "N",
        description = "Print at most N lines, counted after --type (default: no limit).")
    Long limit;

    @Option(names = "--type", paramLabel = "NAME",
        description = "Only messages of this type, e.g. MatchEvent (case-insensitive). Frames whose type is " +
            "unknown are left out. An unknown NAME is an error that lists the valid ones.")
    String type;

    @Option(names = "--kind", paramLabel = "KIND", converter = KindConverter.class,
        description = "input or egress: overrides the kind recorded in the directory's " +
            JournalKind.MARKER_FILE + " (default: read it from there).")
    JournalKind kind;

    @Spec
    CommandSpec spec;

    private final Supplier<SchemaIr> schemaSource;
    private final ObjectMapper mapper = new ObjectMapper();
    private PrintWriter out;
    private MessageJson messages;
    private String typeName;
    private long maxLines;
    private long lines;
    private boolean outputClosed;

    /**
     * Decodes with the schema IR shipped in the sbe-schemas jar.
     */
    public DumpCommand()
    {
        this(SchemaIr::fromClasspath);
    }

    /**
     * @param schemaSource of the IR to decode with.
     */
    DumpCommand(final Supplier<SchemaIr> schemaSource)
    {
        this.schemaSource = schemaSource;
    }

    public Integer call()
    {
        final PrintWriter err = spec.commandLine().getErr();
        try
        {
            final int exitCode = dump();
            out.flush();
            return exitCode;
        }
        catch (final DumpException ex)
        {
            if (null != out)
            {
                out.flush();
            }
            err.println(spec.qualifiedName() + ": " + ex.getMessage());
            err.flush();
            return EXIT_ERROR;
        }
    }

    private int dump()
    {
        if (null != limit && limit < 0)
        {
            throw new DumpException("--limit must be 0 or more, not " + limit);
        }
        if (!Files.isDirectory(journal))
        {
            throw new DumpException("no journal directory at " + journal);
        }
        try
        {
            // Read-only: refuse a directory without a journal before Chronicle would create one there.
            Journals.requireJournal("--journal", journal);
        }
        catch (final UsageException ex)
        {
            throw new DumpException(ex.getMessage());
        }
        final JournalKind journalKind = null != kind ? kind : markedKind(journal);

        final SchemaIr schema;
        try
        {
            schema = schemaSource.get();
        }
        catch (final IllegalStateException | UncheckedIOException ex)
        {
            throw new DumpException(ex.getMessage());
        }
        messages = new MessageJson(schema);
        typeName = null == type ? null : canonicalType(schema, type);
        maxLines = null == limit ? Long.MAX_VALUE : limit;
        out = spec.commandLine().getOut();

        final JournalContext context = new JournalContext().directory(journal);
        try
        {
            final long corrupt = JournalKind.INPUT == journalKind ? dumpInput(context) : dumpEgress(context);
            if (corrupt > 0)
            {
                spec.commandLine().getErr().println(
                    spec.qualifiedName() + ": skipped " + corrupt + " " + (JournalKind.INPUT == journalKind ? "entries" : "ticks") +
                    " whose journal layout is broken");
            }
        }
        catch (final DumpException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw new DumpException("cannot read the " + journalKind.name().toLowerCase(Locale.ROOT) +
                " journal in " + journal + ": " + ex);
        }
        return 0;
    }

    private long dumpInput(final JournalContext context)
    {
        try (JournalReader reader = new JournalReader(context, MAX_FRAME_LENGTH))
        {
            if (null != from && !reader.moveToIndex(from))
            {
                throw new DumpException("the input journal in " + journal + " has no entry at index " + from);
            }
            boolean more = true;
            while (more && !done())
            {
                more = reader.read(this::onInput);
            }
            final JournalReader.Damage damage = reader.damage();
            if (null != damage)
            {
                spec.commandLine().getErr().printf(
                    "dump: input journal damaged at index %d (%s); %,d journal documents from there on not shown%n",
                    damage.index(), damage.reason(), 1 + reader.countRemaining());
            }
            return 0;
        }
    }

    private void onInput(
        final long index,
        final long ringSequence,
        final long receivedNs,
        final DirectBuffer frame,
        final int frameLength)
    {
        final ObjectNode decoded = messages.decode(frame, 0, frame.capacity());
        if (!selected(decoded))
        {
            return;
        }
        final ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("index", index);
        line.put("ringSequence", ringSequence);
        line.put("timestampNs", receivedNs);
        if (frameLength != frame.capacity())
        {
            line.put("frameLength", frameLength);
            line.put("storedLength", frame.capacity());
        }
        line.setAll(decoded);
        print(line);
    }

    private long dumpEgress(final JournalContext context)
    {
        try (EgressJournalReader reader = new EgressJournalReader(context, MAX_FRAME_LENGTH))
        {
            final EgressFilter filter = new EgressFilter();
            boolean more = true;
            while (more && !done())
            {
                more = reader.readTick(filter) >= 0;
            }
            if (null != from && !filter.started)
            {
                throw new DumpException("the egress journal in " + journal + " has no tick at index " + from);
            }
            return reader.corruptTicks();
        }
    }

    private void onEgress(final long index, final long ringSequence, final int position, final DirectBuffer message)
    {
        final ObjectNode decoded = messages.decode(message, 0, message.capacity());
        if (!selected(decoded))
        {
            return;
        }
        final ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("index", index);
        line.put("position", position);
        line.put("ringSequence", ringSequence);
        final JsonNode timestampNs = decoded.path(MessageJson.FIELDS).path("timestampNs");
        if (timestampNs.isIntegralNumber())
        {
            line.put("timestampNs", timestampNs.asLong());
        }
        else
        {
            line.putNull("timestampNs");
        }
        line.setAll(decoded);
        print(line);
    }

    private boolean selected(final ObjectNode decoded)
    {
        return !done() && (null == typeName || typeName.equals(decoded.path(MessageJson.MESSAGE).asText(null)));
    }

    private boolean done()
    {
        return lines >= maxLines || outputClosed;
    }

    private void print(final ObjectNode line)
    {
        try
        {
            out.write(mapper.writeValueAsString(line));
            out.write('\n');
        }
        catch (final JsonProcessingException ex)
        {
            throw new DumpException("cannot write JSON: " + ex.getMessage());
        }
        lines++;
        if (0 == lines % CHECK_OUTPUT_EVERY_LINES && out.checkError())
        {
            outputClosed = true;
        }
    }

    private static JournalKind markedKind(final Path journal)
    {
        final JournalKind marked;
        try
        {
            marked = JournalKind.read(journal);
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            throw new DumpException("cannot read the journal marker " + journal.resolve(JournalKind.MARKER_FILE) +
                " (" + ex.getMessage() + "); pass --kind input|egress");
        }
        if (null == marked)
        {
            throw new DumpException("no journal kind recorded in " + journal.resolve(JournalKind.MARKER_FILE) +
                "; pass --kind input|egress");
        }
        return marked;
    }

    private static String canonicalType(final SchemaIr schema, final String name)
    {
        final int templateId = schema.templateId(name);
        if (templateId < 0)
        {
            throw new DumpException("unknown message type '" + name + "'; valid types: " +
                String.join(", ", schema.messageNames()));
        }
        return schema.messageName(templateId);
    }

    /**
     * Skips the ticks before {@code --from} and checks that the first tick read is the one asked for.
     */
    private final class EgressFilter implements EgressJournalReader.MessageHandler
    {
        private boolean started;

        public void onMessage(final long index, final long ringSequence, final int position, final UnsafeBuffer message)
        {
            if (!started)
            {
                if (null != from && index < from)
                {
                    return;
                }
                if (null != from && index != from)
                {
                    throw new DumpException("the egress journal in " + journal + " has no tick at index " + from);
                }
                started = true;
            }
            onEgress(index, ringSequence, position, message);
        }
    }

    /**
     * Parses {@code --kind} in any case.
     */
    static final class KindConverter implements CommandLine.ITypeConverter<JournalKind>
    {
        public JournalKind convert(final String value)
        {
            try
            {
                return JournalKind.valueOf(value.trim().toUpperCase(Locale.ROOT));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CommandLine.TypeConversionException("expected input or egress, not '" + value + "'");
            }
        }
    }

    /**
     * A reason the dump cannot go on, printed on stderr with exit code {@link #EXIT_ERROR}.
     */
    private static final class DumpException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        DumpException(final String message)
        {
            super(message);
        }
    }
}

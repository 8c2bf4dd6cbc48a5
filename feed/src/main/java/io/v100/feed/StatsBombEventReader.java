package io.v100.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a StatsBomb events array with the Jackson streaming parser, keeping only the fields the feeder maps and
 * skipping every other subtree unparsed: the file is a few MB of mostly unused detail, and streaming avoids
 * building (and class-loading) a full object tree.
 */
final class StatsBombEventReader
{
    private static final JsonFactory JSON = new JsonFactory();

    private StatsBombEventReader()
    {
    }

    /**
     * @param json a JSON array of StatsBomb event objects; not closed.
     * @return the events in file order.
     * @throws IOException              when the stream cannot be read or is not JSON.
     * @throws IllegalArgumentException when the root is not an array or an event lacks a required field.
     */
    static List<StatsBombEvent> read(final InputStream json) throws IOException
    {
        final List<StatsBombEvent> events = new ArrayList<>(4096);
        try (JsonParser parser = JSON.createParser(json))
        {
            if (parser.nextToken() != JsonToken.START_ARRAY)
            {
                throw new IllegalArgumentException("StatsBomb events file must hold a JSON array");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.START_OBJECT)
            {
                events.add(readEvent(parser));
            }
            if (token != JsonToken.END_ARRAY)
            {
                throw new IllegalArgumentException("StatsBomb events array must hold objects");
            }
        }
        return events;
    }

    private static StatsBombEvent readEvent(final JsonParser parser) throws IOException
    {
        int index = -1;
        int period = 0;
        String timestamp = null;
        long minute = 0;
        long second = 0;
        String typeName = null;
        int teamId = 0;
        String teamName = "";
        int playerId = 0;
        float x = Float.NaN;
        float y = Float.NaN;
        String shotOutcome = null;
        String shotType = null;
        float xg = 0f;
        String foulCard = null;
        String badBehaviourCard = null;

        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String field = parser.currentName();
            final JsonToken value = parser.nextToken();
            switch (field)
            {
                case "index":
                    index = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : -1;
                    break;
                case "period":
                    period = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : 0;
                    break;
                case "timestamp":
                    timestamp = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    break;
                case "minute":
                    minute = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : 0;
                    break;
                case "second":
                    second = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : 0;
                    break;
                case "type":
                    typeName = readText(parser, value, "name");
                    break;
                case "team":
                    if (value == JsonToken.START_OBJECT)
                    {
                        while (parser.nextToken() == JsonToken.FIELD_NAME)
                        {
                            final String teamField = parser.currentName();
                            final JsonToken teamValue = parser.nextToken();
                            if ("id".equals(teamField) && teamValue == JsonToken.VALUE_NUMBER_INT)
                            {
                                teamId = parser.getIntValue();
                            }
                            else if ("name".equals(teamField) && teamValue == JsonToken.VALUE_STRING)
                            {
                                teamName = parser.getText();
                            }
                            else
                            {
                                parser.skipChildren();
                            }
                        }
                    }
                    else
                    {
                        parser.skipChildren();
                    }
                    break;
                case "player":
                    playerId = readInt(parser, value, "id");
                    break;
                case "location":
                    if (value == JsonToken.START_ARRAY)
                    {
                        int i = 0;
                        float first = Float.NaN;
                        float secondCoordinate = Float.NaN;
                        JsonToken element;
                        while ((element = parser.nextToken()) != JsonToken.END_ARRAY)
                        {
                            final boolean number = element == JsonToken.VALUE_NUMBER_INT || element == JsonToken.VALUE_NUMBER_FLOAT;
                            if (i == 0 && number)
                            {
                                first = parser.getFloatValue();
                            }
                            else if (i == 1 && number)
                            {
                                secondCoordinate = parser.getFloatValue();
                            }
                            parser.skipChildren();
                            i++;
                        }
                        if (!Float.isNaN(first) && !Float.isNaN(secondCoordinate))
                        {
                            x = first;
                            y = secondCoordinate;
                        }
                    }
                    else
                    {
                        parser.skipChildren();
                    }
                    break;
                case "shot":
                    if (value == JsonToken.START_OBJECT)
                    {
                        while (parser.nextToken() == JsonToken.FIELD_NAME)
                        {
                            final String shotField = parser.currentName();
                            final JsonToken shotValue = parser.nextToken();
                            if ("outcome".equals(shotField))
                            {
                                shotOutcome = readText(parser, shotValue, "name");
                            }
                            else if ("type".equals(shotField))
                            {
                                shotType = readText(parser, shotValue, "name");
                            }
                            else if ("statsbomb_xg".equals(shotField) &&
                                (shotValue == JsonToken.VALUE_NUMBER_FLOAT || shotValue == JsonToken.VALUE_NUMBER_INT))
                            {
                                xg = parser.getFloatValue();
                            }
                            else
                            {
                                parser.skipChildren();
                            }
                        }
                    }
                    else
                    {
                        parser.skipChildren();
                    }
                    break;
                case "foul_committed":
                    foulCard = readCard(parser, value);
                    break;
                case "bad_behaviour":
                    badBehaviourCard = readCard(parser, value);
                    break;
                default:
                    parser.skipChildren();
                    break;
            }
        }
        return new StatsBombEvent(index, period, timestamp, minute, second, typeName, teamId, teamName, playerId,
            x, y, shotOutcome, shotType, xg, foulCard, badBehaviourCard);
    }

    private static String readCard(final JsonParser parser, final JsonToken value) throws IOException
    {
        String card = null;
        if (value == JsonToken.START_OBJECT)
        {
            while (parser.nextToken() == JsonToken.FIELD_NAME)
            {
                final String field = parser.currentName();
                final JsonToken fieldValue = parser.nextToken();
                if ("card".equals(field))
                {
                    card = readText(parser, fieldValue, "name");
                }
                else
                {
                    parser.skipChildren();
                }
            }
        }
        else
        {
            parser.skipChildren();
        }
        return card;
    }

    private static String readText(final JsonParser parser, final JsonToken value, final String wanted)
        throws IOException
    {
        String text = null;
        if (value == JsonToken.START_OBJECT)
        {
            while (parser.nextToken() == JsonToken.FIELD_NAME)
            {
                final String field = parser.currentName();
                final JsonToken fieldValue = parser.nextToken();
                if (wanted.equals(field) && fieldValue == JsonToken.VALUE_STRING)
                {
                    text = parser.getText();
                }
                else
                {
                    parser.skipChildren();
                }
            }
        }
        else
        {
            parser.skipChildren();
        }
        return text;
    }

    private static int readInt(final JsonParser parser, final JsonToken value, final String wanted) throws IOException
    {
        int result = 0;
        if (value == JsonToken.START_OBJECT)
        {
            while (parser.nextToken() == JsonToken.FIELD_NAME)
            {
                final String field = parser.currentName();
                final JsonToken fieldValue = parser.nextToken();
                if (wanted.equals(field) && fieldValue == JsonToken.VALUE_NUMBER_INT)
                {
                    result = parser.getIntValue();
                }
                else
                {
                    parser.skipChildren();
                }
            }
        }
        else
        {
            parser.skipChildren();
        }
        return result;
    }
}

package io.v100.shell.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.v100.shell.gateway.RunningShell.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document the shell serves is a valid OpenAPI 3.1 document (the specification's required fields, every
 * operation with responses, every {@code $ref} resolving, every path parameter declared) and describes exactly
 * the routes the router has: each documented operation is routed, and each route is documented.
 */
@Tag("slow")
@Timeout(120)
@ExtendWith(RunningShell.Shared.class)
class OpenApiSystemTest
{
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern VERTX_PARAM = Pattern.compile(":([A-Za-z0-9_]+)");
    private static final Pattern TEMPLATE_PARAM = Pattern.compile("\\{([^}]+)}");

    @Test
    void shouldServeAValidOpenApi31Document(final RunningShell shell)
    {
        final HttpResponse<String> response = shell.get("/openapi.json");
        assertEquals(200, response.statusCode());
        final JsonNode doc = json(response.body());
        assertTrue(doc.get("openapi").asText().startsWith("3.1."), "openapi 3.1.x");
        assertTrue(doc.path("info").path("title").isTextual() && doc.path("info").path("version").isTextual(),
            "info.title and info.version are required");
        assertTrue(doc.get("paths").isObject() && doc.get("paths").size() > 0);

        for (final Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); )
        {
            final Map.Entry<String, JsonNode> path = paths.next();
            assertTrue(path.getKey().startsWith("/"), path.getKey());
            final Set<String> templated = new TreeSet<>();
            final Matcher matcher = TEMPLATE_PARAM.matcher(path.getKey());
            while (matcher.find())
            {
                templated.add(matcher.group(1));
            }
            for (final Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); )
            {
                final Map.Entry<String, JsonNode> op = ops.next();
                assertTrue(METHODS.contains(op.getKey()), "unknown field in path item: " + op.getKey());
                final JsonNode responses = op.getValue().get("responses");
                assertNotNull(responses, path.getKey() + " " + op.getKey() + " has responses");
                assertTrue(responses.size() > 0);
                responses.fieldNames().forEachRemaining(code ->
                    assertTrue(code.matches("[1-5][0-9X]{2}|default"), "response key " + code));
                assertTrue(op.getValue().path("operationId").isTextual(), "operationId on " + path.getKey());
                final Set<String> declared = new TreeSet<>();
                for (final JsonNode parameter : op.getValue().path("parameters"))
                {
                    final JsonNode resolved = resolve(doc, parameter);
                    if ("path".equals(resolved.path("in").asText()))
                    {
                        assertTrue(resolved.path("required").asBoolean(), "path parameters are required");
                        declared.add(resolved.get("name").asText());
                    }
                }
                assertEquals(templated, declared, "path parameters of " + op.getKey() + " " + path.getKey());
            }
        }
        assertRefsResolve(doc, doc);
    }

    @Test
    void shouldDescribeExactlyTheRoutedOperations(final RunningShell shell)
    {
        final Set<String> routed = new TreeSet<>();
        for (final Route route : shell.stack().shell().router().getRoutes())
        {
            if (null == route.getPath() || null == route.methods())
            {
                continue;
            }
            for (final HttpMethod method : route.methods())
            {
                routed.add(method.name().toLowerCase(Locale.ROOT) + " " +
                    VERTX_PARAM.matcher(route.getPath()).replaceAll("{$1}"));
            }
        }
        final Set<String> documented = new TreeSet<>();
        final JsonNode doc = json(shell.get("/openapi.json").body());
        doc.get("paths").fields().forEachRemaining(path ->
            path.getValue().fieldNames().forEachRemaining(method -> documented.add(method + " " + path.getKey())));
        assertFalse(routed.isEmpty());
        assertEquals(routed, documented, "routes and the OpenAPI document disagree");
    }

    private static JsonNode resolve(final JsonNode doc, final JsonNode node)
    {
        return node.has("$ref") ? doc.at(node.get("$ref").asText().substring(1)) : node;
    }

    private static void assertRefsResolve(final JsonNode doc, final JsonNode node)
    {
        if (node.isObject())
        {
            final JsonNode ref = node.get("$ref");
            if (null != ref)
            {
                assertTrue(ref.asText().startsWith("#/"), "local refs only: " + ref);
                assertFalse(doc.at(ref.asText().substring(1)).isMissingNode(), "unresolved " + ref);
            }
            node.elements().forEachRemaining(child -> assertRefsResolve(doc, child));
        }
        else if (node.isArray())
        {
            node.elements().forEachRemaining(child -> assertRefsResolve(doc, child));
        }
    }
}

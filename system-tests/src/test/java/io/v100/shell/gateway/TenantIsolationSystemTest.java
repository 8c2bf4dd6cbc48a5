package io.v100.shell.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.v100.shell.gateway.RunningShell.assertJsonError;
import static io.v100.shell.gateway.RunningShell.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every request runs as a tenant, and no tenant sees or touches another's data: another tenant's API key is 404
 * (as if it did not exist, never 403), lists hold only the caller's own keys, and a revoked key stops working.
 */
@Tag("slow")
@Timeout(120)
@ExtendWith(RunningShell.Shared.class)
class TenantIsolationSystemTest
{
    @Test
    void shouldKeepEachTenantsApiKeysToItself(final RunningShell shell)
    {
        final String acmeAdmin = "Bearer " + shell.token("acme", Tier.PRO, Role.ADMIN);
        final String globexAdmin = "Bearer " + shell.token("globex", Tier.PRO, Role.ADMIN);

        final JsonNode acmeKey = create(shell, acmeAdmin, "acme-app");
        final JsonNode globexKey = create(shell, globexAdmin, "globex-app");
        final String acmeKeyId = acmeKey.get("id").asText();

        assertEquals("api_key_not_found",
            assertJsonError(shell.get("/v1/api-keys/" + acmeKeyId, "Authorization", globexAdmin), 404));
        assertEquals("api_key_not_found", assertJsonError(shell.send(
            HttpRequest.newBuilder(URI.create(shell.baseUrl() + "/v1/api-keys/" + acmeKeyId)).DELETE(),
            "Authorization", globexAdmin), 404));
        assertEquals("api_key_not_found", assertJsonError(shell.get("/v1/api-keys/ak_doesnotexist", "Authorization",
            globexAdmin), 404), "a missing key and another tenant's key look the same");

        final String globexList = shell.get("/v1/api-keys", "Authorization", globexAdmin).body();
        assertFalse(globexList.contains(acmeKeyId), globexList);
        assertTrue(globexList.contains(globexKey.get("id").asText()), globexList);
        for (final JsonNode key : json(globexList).get("apiKeys"))
        {
            assertEquals("globex", key.get("tenant").asText());
            assertFalse(key.has("key") || key.has("hash"), "secrets are shown once, at creation: " + key);
        }

        final HttpResponse<String> acmeOwn = shell.get("/v1/api-keys/" + acmeKeyId, "X-API-Key", acmeKey.get("key").asText());
        assertEquals(200, acmeOwn.statusCode(), acmeOwn::body);
        assertEquals("acme", json(acmeOwn.body()).get("tenant").asText(), "the key runs as its tenant");
        assertEquals("api_key_not_found", assertJsonError(
            shell.get("/v1/api-keys/" + acmeKeyId, "X-API-Key", globexKey.get("key").asText()), 404));

        shell.assertServing();
    }

    @Test
    void shouldRefuseRevokedKeysAndViewersManagingKeys(final RunningShell shell)
    {
        final String admin = "Bearer " + shell.token("initech", Tier.FREE, Role.ADMIN);
        final JsonNode key = create(shell, admin, "to-revoke");
        final String secret = key.get("key").asText();
        assertEquals(200, shell.get("/v1/events", "X-API-Key", secret).statusCode());

        final HttpResponse<String> viewerRevoke = shell.send(
            HttpRequest.newBuilder(URI.create(shell.baseUrl() + "/v1/api-keys/" + key.get("id").asText())).DELETE(),
            "X-API-Key", secret);
        assertEquals("forbidden", assertJsonError(viewerRevoke, 403), "a viewer key cannot revoke");

        final HttpResponse<String> revoked = shell.send(
            HttpRequest.newBuilder(URI.create(shell.baseUrl() + "/v1/api-keys/" + key.get("id").asText())).DELETE(),
            "Authorization", admin);
        assertEquals(200, revoked.statusCode(), revoked::body);
        assertTrue(json(revoked.body()).get("revoked").asBoolean());
        assertEquals("invalid_api_key", assertJsonError(shell.get("/v1/events", "X-API-Key", secret), 401));
        shell.assertServing();
    }

    private static JsonNode create(final RunningShell shell, final String authorization, final String name)
    {
        final HttpResponse<String> created = shell.send(
            HttpRequest.newBuilder(URI.create(shell.baseUrl() + "/v1/api-keys"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"role\":\"viewer\"}")),
            "Authorization", authorization, "Content-Type", "application/json");
        assertEquals(201, created.statusCode(), created::body);
        final JsonNode key = json(created.body());
        assertTrue(key.get("key").asText().startsWith(ApiKeyStore.PREFIX));
        return key;
    }
}

package io.sdataserver.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health} for load balancers and orchestrators: 200 when the database answers, 503 when it does not.
 * It needs no credentials and says nothing else (no version, no configuration).
 */
@Path("health")
public final class HealthResource {
    private final BooleanSupplier databaseUp;

    public HealthResource(BooleanSupplier databaseUp) { this.databaseUp = databaseUp; }

    @GET
    public Response health() {
        boolean up = databaseUp.getAsBoolean();
        return Response.status(up ? 200 : 503).type("application/json")
                .entity(up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\",\"database\":\"DOWN\"}")
                .header("Cache-Control", "no-store").build();
    }
}

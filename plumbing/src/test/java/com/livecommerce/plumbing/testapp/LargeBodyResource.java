package com.livecommerce.plumbing.testapp;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;

/** An endpoint with its own, larger body limit (suite.http.large-body-paths), as session-service's telemetry has. */
@Path("/test/large")
@PermitAll
public class LargeBodyResource {

    @POST
    @Path("/ndjson")
    @Consumes("application/x-ndjson")
    @Produces(MediaType.TEXT_PLAIN)
    public String ndjson(InputStream body) throws IOException {
        long n = 0;
        byte[] buffer = new byte[65536];
        for (int r; (r = body.read(buffer)) >= 0; ) {
            n += r;
        }
        return String.valueOf(n);
    }
}

package com.livecommerce.console;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.smallrye.mutiny.Multi;
import java.util.Map;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * What the console asks of a service: a GET or POST of one of its paths, answered as it is (status and body; the
 * default exception mapper is off, so a 403 or 404 comes back as an answer to show, not as an error). One interface
 * for the four services: each is a REST client of its own ({@link Services}), and each propagates the signed-in
 * user's access token ({@link PropagateAccessToken}).
 */
public interface ServiceApi {

    @GET
    @Path("{path}")
    @Produces(MediaType.APPLICATION_JSON)
    Response get(@PathParam("path") @Encoded String path, @RestQuery Map<String, String> query);

    @POST
    @Path("{path}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response post(@PathParam("path") @Encoded String path, JsonNode body);

    /** A Server-Sent Events stream (session-service's KPI snapshots), passed on event by event. */
    @GET
    @Path("{path}")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    Multi<String> stream(@PathParam("path") @Encoded String path, @jakarta.ws.rs.HeaderParam("Authorization") String authorization);
}

package com.livecommerce.plumbing.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.livecommerce.plumbing.problem.Problem;
import com.livecommerce.plumbing.problem.ProblemException;
import com.livecommerce.plumbing.problem.ProblemType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Safe retries of creates (README "Safe retries"). A create sent with an {@value #HEADER} header is done once per caller
 * (the token's issuer and subject) and key within {@code suite.idempotency.retention} (24 h): the key is claimed by a row
 * in {@code idempotency_key} inserted in the create's own transaction, together with a hash of the method, path and
 * body; the create runs, and its answer (status, {@code Location}, body) is written to that row before the commit. So a
 * retry after a crash finds either nothing (the create rolled back with its key: it runs again) or the key with its
 * answer, never one without the other. The same key again with the same request gets the first answer (with
 * {@value #REPLAYED}{@code : true}) and creates nothing, publishes nothing; with another request, 422. A concurrent
 * second request with the key waits on the first one's uncommitted row (PostgreSQL's unique index) and then answers as
 * a retry does. Without the header a create runs as before. A failed create (an error answer) keeps nothing: the key
 * can be used again.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotency-Replayed";
    public static final int MAX_KEY_LENGTH = 255;

    private static final String EXPIRE_NAMED = "delete from idempotency_key where subject = :subject and idem_key = :key"
            + " and created_at < now() - make_interval(secs => :ttl)";
    private static final String CLAIM_NAMED = "insert into idempotency_key (subject, idem_key, request_hash)"
            + " values (:subject, :key, :hash) on conflict do nothing";
    private static final String FIND_NAMED = "select request_hash, status, location, body from idempotency_key"
            + " where subject = :subject and idem_key = :key";
    private static final String ANSWER_NAMED = "update idempotency_key set status = :status, location = :location, body = :body"
            + " where subject = :subject and idem_key = :key";

    private static final String EXPIRE = "delete from idempotency_key where subject = $1 and idem_key = $2"
            + " and created_at < now() - make_interval(secs => $3)";
    private static final String CLAIM = "insert into idempotency_key (subject, idem_key, request_hash) values ($1, $2, $3)"
            + " on conflict do nothing";
    private static final String FIND = "select request_hash, status, location, body from idempotency_key"
            + " where subject = $1 and idem_key = $2";
    private static final String ANSWER = "update idempotency_key set status = $3, location = $4, body = $5"
            + " where subject = $1 and idem_key = $2";

    @Inject
    ObjectMapper mapper;

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentVertxRequest request;

    @Inject
    Pool pool;

    @ConfigProperty(name = "suite.idempotency.retention", defaultValue = "PT24H")
    Duration retention;

    private volatile ObjectMapper canonical;

    /** The stored first answer of a key. */
    record Stored(String hash, int status, String location, String body) {
    }

    /** The claim of one request: who, which key, what request. */
    record Claim(String subject, String key, String hash) {
    }

    /**
     * Runs {@code create} once per {@value #HEADER} (if the request has one) in one Hibernate Reactive transaction with
     * the key's row; the service methods it calls ({@code @WithTransaction}) join that transaction.
     *
     * @param body the request's body as the resource received it (its canonical JSON is part of the request's hash)
     */
    public Uni<Response> create(Object body, Supplier<Uni<Response>> create) {
        Claim claim = claim(body);
        if (claim == null) {
            return create.get();
        }
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(EXPIRE_NAMED)
                .setParameter("subject", claim.subject()).setParameter("key", claim.key())
                .setParameter("ttl", (double) retention.toSeconds()).executeUpdate()
                .chain(() -> session.createNativeQuery(CLAIM_NAMED).setParameter("subject", claim.subject())
                        .setParameter("key", claim.key()).setParameter("hash", claim.hash()).executeUpdate())
                .chain(claimed -> claimed == 1
                        ? create.get().call(answer -> storeAnswer(session, claim, answer))
                        : find(session, claim).map(stored -> replay(claim, stored)))));
    }

    /**
     * The same for a create that writes through the reactive pool (a bulk writer): {@code create} gets the connection of
     * the transaction the key's row is in. {@code afterCommit} runs only for a first answer, once committed (e.g. to
     * start work on what was created); never for a replay.
     */
    public Uni<Response> createOnPool(Object body, Function<SqlClient, Uni<Response>> create, Runnable afterCommit) {
        Claim claim = claim(body);
        if (claim == null) {
            return create.apply(pool).invoke(afterCommit);
        }
        return pool.withTransaction(conn -> conn.preparedQuery(EXPIRE)
                .execute(Tuple.of(claim.subject(), claim.key(), (double) retention.toSeconds()))
                .chain(() -> conn.preparedQuery(CLAIM).execute(Tuple.of(claim.subject(), claim.key(), claim.hash())))
                .chain(claimed -> claimed.rowCount() == 1
                        ? create.apply(conn).call(answer -> {
                            Stored stored = toStored(claim, answer);
                            return conn.preparedQuery(ANSWER).execute(Tuple.of(claim.subject(), claim.key(), stored.status(),
                                    stored.location(), stored.body()));
                        })
                        : conn.preparedQuery(FIND).execute(Tuple.of(claim.subject(), claim.key()))
                                .map(rows -> {
                                    Row r = rows.iterator().hasNext() ? rows.iterator().next() : null;
                                    return replay(claim, r == null ? null
                                            : new Stored(r.getString(0), r.getInteger(1), r.getString(2), r.getString(3)));
                                })))
                .invoke(answer -> {
                    if (answer.getHeaderString(REPLAYED) == null) {
                        afterCommit.run();
                    }
                });
    }

    private Claim claim(Object body) {
        RoutingContext ctx = request.getCurrent();
        String key = ctx == null ? null : ctx.request().getHeader(HEADER);
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new ProblemException(ProblemType.VALIDATION, HEADER + " must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters",
                    List.of(new Problem.FieldError(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters")));
        }
        return new Claim(subject(), key, hash(ctx.request().method().name(), ctx.normalizedPath(), body));
    }

    private String subject() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getIssuer() + "|" + jwt.getSubject();
        }
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    /** SHA-256 of the method, path and the body's canonical JSON (properties and map keys in order). */
    String hash(String method, String path, Object body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(canonical().writeValueAsBytes(body));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("request hash", e);
        }
    }

    private ObjectMapper canonical() {
        ObjectMapper m = canonical;
        if (m == null) {
            m = mapper instanceof JsonMapper jm
                    ? jm.rebuild().enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build()
                    : mapper.copy().configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
                            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
            canonical = m;
        }
        return m;
    }

    private Uni<Integer> storeAnswer(Mutiny.Session session, Claim claim, Response answer) {
        Stored stored = toStored(claim, answer);
        return session.createNativeQuery(ANSWER_NAMED).setParameter("status", stored.status())
                .setParameter("location", stored.location()).setParameter("body", stored.body())
                .setParameter("subject", claim.subject()).setParameter("key", claim.key()).executeUpdate();
    }

    private Stored toStored(Claim claim, Response answer) {
        URI location = answer.getLocation();
        String body;
        try {
            body = answer.getEntity() == null ? null
                    : answer.getEntity() instanceof String s ? s : mapper.writeValueAsString(answer.getEntity());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer of " + claim.key() + " cannot be stored", e);
        }
        return new Stored(claim.hash(), answer.getStatus(), location == null ? null : location.toString(), body);
    }

    private Uni<Stored> find(Mutiny.Session session, Claim claim) {
        return session.createNativeQuery(FIND_NAMED, Object[].class).setParameter("subject", claim.subject())
                .setParameter("key", claim.key()).getResultList()
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] r = rows.get(0);
                    return new Stored((String) r[0], ((Number) r[1]).intValue(), (String) r[2], (String) r[3]);
                });
    }

    private Response replay(Claim claim, Stored stored) {
        if (stored == null) {
            // the row went between the claim and the read (purged at its 24 h): the client may send it again
            throw new ProblemException(ProblemType.CONFLICT, "the request with this " + HEADER + " is being processed; retry");
        }
        if (!stored.hash().equals(claim.hash())) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED, "this " + HEADER + " was used for another request"
                    + " (another method, path or body) in the last " + retention.toHours() + " hours; use a new key",
                    List.of(new Problem.FieldError(HEADER, "already used for another request")));
        }
        Response.ResponseBuilder answer = Response.status(stored.status()).header(REPLAYED, "true");
        if (stored.location() != null) {
            answer.header(HttpHeaders.LOCATION, stored.location());
        }
        if (stored.body() != null) {
            answer.type(MediaType.APPLICATION_JSON_TYPE).entity(stored.body());
        }
        return answer.build();
    }
}

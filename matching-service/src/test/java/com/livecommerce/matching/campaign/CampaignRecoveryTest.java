package com.livecommerce.matching.campaign;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.livecommerce.matching.Fixtures;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A campaign whose replica died while it was RUNNING is run again by a replica that lives (CampaignService's recovery,
 * every second here, after 2 s), never while another replica's claim on it is alive, and never proposes twice. The
 * dead replica is simulated by what it leaves in the database: the campaign row it recorded, and its claim.
 */
@QuarkusTest
class CampaignRecoveryTest {

    @Inject
    Pool pool;

    @Inject
    CampaignService service;

    /** What a replica leaves when it dies right after recording a list campaign a minute ago. */
    private UUID leftRunning(List<UUID> merchants) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("insert into campaign (id, status, cohort, term_months, commission_bps, requested_by, requested_at, merchant_ids)"
                        + " values ($1, 'RUNNING', 'LIST', 6, 800, 'ops', now() - interval '1 minute', $2)")
                .execute(Tuple.of(id, merchants == null ? null : merchants.toArray(UUID[]::new))).await().indefinitely();
        return id;
    }

    private static JsonPath awaitStatus(UUID id, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.viewer()).get("/campaigns/{id}", id)
                .then().statusCode(200).body("status", equalTo(status)));
        return given().auth().oauth2(Tokens.admin()).get("/campaigns/{id}", id).then().extract().jsonPath();
    }

    private long engagementsOf(UUID campaign) {
        return pool.preparedQuery("select count(*) from engagement where campaign_id = $1").execute(Tuple.of(campaign)).await()
                .indefinitely().iterator().next().getLong(0);
    }

    @Test
    void aCampaignLeftRunningByADeadReplicaIsRunAgainAndNeverProposesTwice() {
        UUID provider = Fixtures.provider(5);
        List<UUID> merchants = List.of(Fixtures.merchant(), Fixtures.merchant());
        UUID id = leftRunning(merchants);

        JsonPath done = awaitStatus(id, "COMPLETED");
        assertEquals(2, done.getInt("cohortSize"));
        assertEquals(2, done.getInt("assignedCount"), "both merchants on the provider with room: " + provider);
        assertEquals(2, engagementsOf(id));

        // the replica taken for dead was only slow: its run finishes now, and must change nothing
        service.run(id, new CampaignService.Request("LIST", null, null, merchants, new CampaignStore.Terms(6, 800)));
        JsonPath after = awaitStatus(id, "COMPLETED");
        assertEquals(2, after.getInt("assignedCount"), "the result of the first run stays");
        assertEquals(0, after.getInt("unassignedCount"));
        assertEquals(2, engagementsOf(id), "no engagement proposed twice");
    }

    @Test
    void aLiveClaimOfAnotherReplicaIsNotTakenOverUntilItsLeaseRunsOut() throws Exception {
        Fixtures.provider(5);
        UUID id = leftRunning(List.of(Fixtures.merchant()));
        pool.preparedQuery("insert into job_run (job, period, claimed_by, claimed_at, lease_until)"
                + " values ('campaign', $1, 'another-replica', now(), now() + interval '1 hour')").execute(Tuple.of(id.toString()))
                .await().indefinitely();
        Thread.sleep(4_000); // four recovery rounds
        awaitStatus(id, "RUNNING");

        // that replica stops renewing (it died): its lease runs out, and a live replica takes the campaign
        pool.preparedQuery("update job_run set lease_until = now() - interval '1 second' where job = 'campaign' and period = $1")
                .execute(Tuple.of(id.toString())).await().indefinitely();
        assertEquals(1, awaitStatus(id, "COMPLETED").getInt("assignedCount"));
    }

    @Test
    void aListCampaignWhoseMerchantsWereNotKeptFailsWithItsReasonInsteadOfStayingRunning() {
        UUID id = leftRunning(null);
        JsonPath failed = awaitStatus(id, "FAILED");
        assertEquals("interrupted, and its merchant list was not kept: request it again", failed.getString("failure"));
    }
}

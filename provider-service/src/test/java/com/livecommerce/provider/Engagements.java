package com.livecommerce.provider;

import com.livecommerce.testsupport.TopicProbe;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/** Publishes EngagementCompleted events shaped like matching-service's documented schema. */
public final class Engagements {

    private Engagements() {
    }

    public static String completed(UUID engagement, UUID provider, UUID merchant, LocalDate completedOn, String gmvBefore,
            String gmvDuring, boolean leap, int rating) {
        return """
                {"engagementId": "%s", "merchantId": "%s", "providerId": "%s", "completedAt": "%s",
                 "outcome": {"gmvBefore": %s, "gmvDuring": %s, "uplift": null, "leap": %s, "kpiCommitmentMet": true},
                 "rating": {"results": %d, "communication": %d, "professionalism": %d}}"""
                .formatted(engagement, merchant, provider, completedOn.atTime(10, 0).atOffset(ZoneOffset.UTC), gmvBefore, gmvDuring,
                        leap, rating, rating, rating);
    }

    /** Sends one EngagementCompleted; returns the event id. */
    public static String send(String bootstrap, UUID engagement, String json) {
        String eventId = UUID.randomUUID().toString();
        send(bootstrap, eventId, engagement, json);
        return eventId;
    }

    public static void send(String bootstrap, String eventId, UUID engagement, String json) {
        TopicProbe.sendCloudEvent(bootstrap, "engagement-events", engagement.toString(), eventId, "EngagementCompleted",
                "/matching-service", json);
    }
}

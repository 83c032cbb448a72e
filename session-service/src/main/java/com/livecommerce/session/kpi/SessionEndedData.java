package com.livecommerce.session.kpi;

import com.livecommerce.session.session.LiveSession;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** Data of SessionEnded (schema events/session-events/SessionEnded.schema.json): the final KPI summary. */
public record SessionEndedData(UUID sessionId, UUID merchantId, UUID providerId, UUID operatorId, String title, LocalDate date,
        BigDecimal gmv, long orders, long buyers, long uv, BigDecimal adSpend, Map<String, BigDecimal> spendByChannel,
        BigDecimal roiOverall, OffsetDateTime startedAt, OffsetDateTime endedAt, SessionKpis kpis) {

    public static SessionEndedData of(LiveSession s, SessionKpis k) {
        return new SessionEndedData(s.id, s.merchantId, s.providerId, s.operatorId, s.title,
                s.startedAt.withOffsetSameInstant(java.time.ZoneOffset.UTC).toLocalDate(), k.gmv(), k.orders(), k.buyers(), k.uv(),
                k.adSpend(), k.spendByChannel(), k.roiOverall(), s.startedAt, s.endedAt, k);
    }
}

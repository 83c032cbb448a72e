package com.livecommerce.matching.engagement;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Measures an engagement's outcome from the merchant's ledger as matching received it (MerchantGmvRecorded):
 * <ul>
 * <li>{@code gmvDuring}: GMV from the activation day to the completion day (UTC, both included);</li>
 * <li>{@code gmvBefore}: GMV of as many days just before the activation day; {@code uplift = during / before - 1}
 * (4 decimals, half-even; null when before is 0);</li>
 * <li>{@code kpiCommitmentMet}: {@code gmvDuring >= kpiCommitment.gmvTarget} (null without a commitment);</li>
 * <li>{@code leap}: the {@link LeapRule}.</li>
 * </ul>
 * Money is exact (numeric in PostgreSQL, BigDecimal here).
 */
@ApplicationScoped
public class OutcomeCalculator {

    private static final String SUMS = "select"
            + " coalesce(sum(gmv) filter (where entry_date between :duringFrom and :duringTo), 0),"
            + " coalesce(sum(gmv) filter (where entry_date between :beforeFrom and :beforeTo), 0),"
            + " coalesce(sum(gmv) filter (where entry_date between :priorFrom and :beforeTo), 0),"
            + " coalesce(sum(gmv) filter (where entry_date between :trailingFrom and :duringTo), 0),"
            + " coalesce(sum(gmv) filter (where entry_date between :bandBeforeFrom and :beforeTo), 0),"
            + " coalesce(sum(gmv) filter (where entry_date between :bandAfterFrom and :duringTo), 0)"
            + " from merchant_gmv where merchant_id = :merchant and entry_date between :earliest and :duringTo";

    @Inject
    LeapRule rule;

    public static LocalDate utcDay(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    }

    /** The GMV sums an outcome is judged on. */
    public record Sums(BigDecimal during, BigDecimal before, BigDecimal prior, BigDecimal trailing, BigDecimal bandBefore,
            BigDecimal bandAfter) {
    }

    /** Measures the outcome of an engagement active from {@code activated} to {@code completed} (UTC days), in the caller's session. */
    public Uni<Outcome> measure(UUID merchant, LocalDate activated, LocalDate completed, BigDecimal kpiGmvTarget) {
        long days = ChronoUnit.DAYS.between(activated, completed) + 1;
        LocalDate beforeFrom = activated.minusDays(days);
        LocalDate priorFrom = activated.minusDays(rule.windowDays());
        LocalDate trailingFrom = completed.minusDays(rule.windowDays() - 1L);
        LocalDate bandBeforeFrom = activated.minusDays(rule.bandWindowDays());
        LocalDate bandAfterFrom = completed.minusDays(rule.bandWindowDays() - 1L);
        LocalDate earliest = java.util.stream.Stream.of(beforeFrom, priorFrom, bandBeforeFrom).min(LocalDate::compareTo).orElseThrow();
        return Panache.getSession().chain(session -> session.createNativeQuery(SUMS, Object[].class)
                .setParameter("merchant", merchant)
                .setParameter("duringFrom", activated)
                .setParameter("duringTo", completed)
                .setParameter("beforeFrom", beforeFrom)
                .setParameter("beforeTo", activated.minusDays(1))
                .setParameter("priorFrom", priorFrom)
                .setParameter("trailingFrom", trailingFrom)
                .setParameter("bandBeforeFrom", bandBeforeFrom)
                .setParameter("bandAfterFrom", bandAfterFrom)
                .setParameter("earliest", earliest)
                .getSingleResult())
                .map(row -> judge(new Sums((BigDecimal) row[0], (BigDecimal) row[1], (BigDecimal) row[2], (BigDecimal) row[3],
                        (BigDecimal) row[4], (BigDecimal) row[5]), activated, completed, kpiGmvTarget));
    }

    /** The outcome of these sums (pure: the rule's arithmetic, tested on its own). */
    public Outcome judge(Sums s, LocalDate activated, LocalDate completed, BigDecimal kpiGmvTarget) {
        long days = ChronoUnit.DAYS.between(activated, completed) + 1;
        BigDecimal uplift = s.before().signum() == 0 ? null
                : s.during().divide(s.before(), 4, RoundingMode.HALF_EVEN).subtract(BigDecimal.ONE);
        Boolean kpiMet = kpiGmvTarget == null ? null : s.during().compareTo(kpiGmvTarget) >= 0;
        int bandBefore = band(s.bandBefore());
        int bandAfter = band(s.bandAfter());
        boolean grew = s.trailing().signum() > 0 && s.trailing().compareTo(s.prior().multiply(rule.growthFactor())) >= 0;
        boolean leap = grew && bandAfter - bandBefore >= rule.minBandSteps();
        return new Outcome(scale2(s.before()), scale2(s.during()), uplift, kpiMet, leap, activated, completed,
                activated.minusDays(days), activated.minusDays(1), scale2(s.prior()), scale2(s.trailing()), bandBefore, bandAfter);
    }

    /** The band of GMV over the band window, annualised: the number of thresholds it reaches. */
    public int band(BigDecimal windowGmv) {
        BigDecimal annual = windowGmv.multiply(BigDecimal.valueOf(365));
        BigDecimal days = BigDecimal.valueOf(rule.bandWindowDays());
        int band = 0;
        List<BigDecimal> bands = rule.bands();
        for (BigDecimal threshold : bands) {
            if (annual.compareTo(threshold.multiply(days)) >= 0) { // annual / days >= threshold, exactly
                band++;
            }
        }
        return band;
    }

    private static BigDecimal scale2(BigDecimal money) {
        return money.setScale(2, RoundingMode.UNNECESSARY);
    }
}

package com.livecommerce.provider.admission;

import com.livecommerce.provider.provider.CodeList;
import com.livecommerce.provider.provider.Provider;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Evaluates every admission rule against a provider; the answer lists each rule that failed. */
public final class AdmissionReview {

    /** One failed rule: a stable code and what was found against what is required. */
    @Schema(requiredProperties = {"rule", "detail"})
    public record FailedRule(@Schema(enumeration = {"MIN_CERTIFIED_OPERATORS", "MIN_SERVED_GMV", "HAS_CATEGORY", "HAS_CAPACITY",
            "NO_ACTIVE_SUSPENSION"}) String rule, String detail) {
    }

    private AdmissionReview() {
    }

    public static List<FailedRule> evaluate(Provider p, long certifiedOperators, AdmissionRules.TypeRules rules) {
        List<FailedRule> failed = new ArrayList<>();
        if (certifiedOperators < rules.minCertifiedOperators()) {
            failed.add(new FailedRule("MIN_CERTIFIED_OPERATORS", certifiedOperators + " certified operator(s); a " + p.type
                    + " provider needs at least " + rules.minCertifiedOperators()));
        }
        if (p.declaredServedGmv.compareTo(rules.minServedGmv()) < 0) {
            failed.add(new FailedRule("MIN_SERVED_GMV", "declared served GMV " + p.declaredServedGmv.toPlainString()
                    + " CNY; a " + p.type + " provider needs at least " + rules.minServedGmv().toPlainString()));
        }
        if (CodeList.split(p.categories).isEmpty()) {
            failed.add(new FailedRule("HAS_CATEGORY", "no category; at least one is needed"));
        }
        if (p.capacity <= 0) {
            failed.add(new FailedRule("HAS_CAPACITY", "capacity " + p.capacity + "; it must be above 0"));
        }
        if (p.suspended) {
            failed.add(new FailedRule("NO_ACTIVE_SUSPENSION", "the provider is suspended"));
        }
        return failed;
    }
}

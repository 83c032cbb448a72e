package com.livecommerce.matching.engagement;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Contract rules of engagements. */
@ConfigMapping(prefix = "matching.engagement")
public interface EngagementConfig {

    /** The shortest term a contract may have, in months (vague short engagements are what merchants dispute). */
    @WithDefault("3")
    int minTermMonths();

    /** The longest term, in months. */
    @WithDefault("36")
    int maxTermMonths();
}

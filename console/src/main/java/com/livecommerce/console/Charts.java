package com.livecommerce.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Chart.js specifications built from the services' answers; a page writes them as JSON in a canvas's data-chart. */
final class Charts {

    private Charts() {
    }

    static Map<String, Object> spec(String type, List<?> labels, Map<String, List<?>> datasets, boolean percent) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", type);
        spec.put("labels", labels);
        List<Map<String, Object>> sets = new ArrayList<>();
        datasets.forEach((label, data) -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("label", label);
            d.put("data", data);
            sets.add(d);
        });
        spec.put("datasets", sets);
        spec.put("percent", percent);
        return spec;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static Object num(Object value) {
        return value == null ? 0 : value;
    }

    /** Served and unserved merchants' GMV growth between the periods (one bar each). */
    static Map<String, Object> growth(Result insights, String servedLabel, String unservedLabel, String growthLabel) {
        Map<String, Object> served = map(insights.get("served")), unserved = map(insights.get("unserved"));
        Map<String, List<?>> sets = new LinkedHashMap<>();
        sets.put(growthLabel, List.of(num(served.get("growthRate")), num(unserved.get("growthRate"))));
        return spec("bar", List.of(servedLabel, unservedLabel), sets, true);
    }

    /**
     * Windmaker tiers or badges: providers at each level (the targets, 50 to 200, are in the table beside it with the
     * attainment: on one axis with them a handful of providers would not show).
     */
    static Map<String, Object> windmaker(Result program, String key, String providersLabel) {
        List<Object> labels = new ArrayList<>();
        List<Object> providers = new ArrayList<>();
        for (Object line : list(program.get(key))) {
            Map<String, Object> l = map(line);
            labels.add(l.get("level"));
            providers.add(num(l.get("providers")));
        }
        Map<String, List<?>> sets = new LinkedHashMap<>();
        sets.put(providersLabel, providers);
        Map<String, Object> spec = spec("bar", labels, sets, false);
        spec.put("integer", true);
        return spec;
    }

    /** Leaps credited by provider type. */
    static Map<String, Object> leaps(Result insights, String label) {
        Map<String, Object> leaps = map(insights.get("leapsByProviderType"));
        Map<String, List<?>> sets = new LinkedHashMap<>();
        sets.put(label, new ArrayList<>(leaps.values()));
        Map<String, Object> spec = spec("bar", new ArrayList<>(leaps.keySet()), sets, false);
        spec.put("integer", true);
        return spec;
    }

    /** A merchant's GMV ledger by month. */
    static Map<String, Object> ledger(Result series, String label) {
        List<Object> labels = new ArrayList<>();
        List<Object> gmv = new ArrayList<>();
        for (Object p : list(series.get("points"))) {
            labels.add(map(p).get("period"));
            gmv.add(num(map(p).get("gmv")));
        }
        Map<String, List<?>> sets = new LinkedHashMap<>();
        sets.put(label, gmv);
        return spec("bar", labels, sets, false);
    }

    /** Pacing in the first 20% of the airtime: the plan's shares against the session's. */
    static Map<String, Object> pacing(Result kpis, String adLabel, String gmvLabel, String planLabel, String actualLabel) {
        Map<String, Object> p = map(kpis.get("pacing"));
        Map<String, List<?>> sets = new LinkedHashMap<>();
        sets.put(planLabel, List.of(num(p.get("adSpendPlan")), num(p.get("gmvPlan"))));
        sets.put(actualLabel, List.of(num(p.get("adSpendShare")), num(p.get("gmvShare"))));
        return spec("bar", List.of(adLabel, gmvLabel), sets, true);
    }

    /** ROI per ad channel. */
    static Map<String, Object> roi(Result kpis, String label) {
        Map<String, Object> roi = map(kpis.get("roiByChannel"));
        Map<String, List<?>> sets = new LinkedHashMap<>();
        sets.put(label, new ArrayList<>(roi.values()));
        return spec("bar", new ArrayList<>(roi.keySet()), sets, false);
    }
}

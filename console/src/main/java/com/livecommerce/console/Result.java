package com.livecommerce.console;

import java.util.List;
import java.util.Map;

/**
 * A service's answer as a page shows it: the HTTP status and the JSON body as maps and lists (numbers exact, as
 * BigDecimal), or, for an error, the problem's title and detail and its field errors.
 */
@io.quarkus.qute.TemplateData
public record Result(String service, int status, Object body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public boolean forbidden() {
        return status == 401 || status == 403;
    }

    public boolean notFound() {
        return status == 404;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map() {
        return ok() && body instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    public List<Object> items() {
        Object items = map().get("items");
        if (items instanceof List<?> l) {
            return (List<Object>) l;
        }
        return ok() && body instanceof List<?> l ? (List<Object>) l : List.of();
    }

    public Object get(String key) {
        return map().get(key);
    }

    /** The problem's text for an error answer: its detail, else its title, with every field error. */
    public String problem() {
        if (ok()) {
            return "";
        }
        if (body instanceof Map<?, ?> m) {
            StringBuilder text = new StringBuilder();
            Object detail = m.get("detail") != null ? m.get("detail") : m.get("title");
            if (detail != null) {
                text.append(detail);
            }
            if (m.get("errors") instanceof List<?> errors) {
                for (Object e : errors) {
                    if (e instanceof Map<?, ?> fe) {
                        text.append(text.isEmpty() ? "" : "; ").append(fe.get("field")).append(": ").append(fe.get("message"));
                    }
                }
            }
            if (!text.isEmpty()) {
                return text.toString();
            }
        }
        return "HTTP " + status;
    }
}

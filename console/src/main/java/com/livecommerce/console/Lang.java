package com.livecommerce.console;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;

/**
 * The page language: English or Simplified Chinese, from the {@code lang} cookie (the switch in the header), else the
 * browser's Accept-Language (its first preference among the two), else English.
 */
@RequestScoped
@jakarta.inject.Named("lang")
public class Lang {

    static final String COOKIE = "lang";
    static final List<String> SUPPORTED = List.of("en", "zh");

    @Inject
    HttpServerRequest request;

    public Locale locale() {
        return Locale.forLanguageTag(code());
    }

    /** {@code en} or {@code zh}. */
    public String code() {
        Cookie cookie = request.getCookie(COOKIE);
        if (cookie != null && SUPPORTED.contains(cookie.getValue())) {
            return cookie.getValue();
        }
        return fromAcceptLanguage(request.getHeader("Accept-Language"));
    }

    /** The HTML lang attribute of the page. */
    public String htmlLang() {
        return code().equals("zh") ? "zh-CN" : "en";
    }

    static String fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return "en";
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(header);
            for (Locale.LanguageRange range : ranges) {
                String tag = range.getRange().toLowerCase(Locale.ROOT);
                if (range.getWeight() == 0) {
                    continue;
                }
                if (tag.startsWith("zh")) {
                    return "zh";
                }
                if (tag.startsWith("en")) {
                    return "en";
                }
            }
        } catch (IllegalArgumentException e) {
            return "en";
        }
        return "en";
    }
}

package com.livecommerce.provider.provider;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A list of codes stored in one column as {@code |a|b|c|}, so that "has code x" is
 * {@code column like '%|x|%'}. Codes are validated to {@code [a-z0-9-]} or enum names first.
 */
public final class CodeList {

    private CodeList() {
    }

    public static String join(List<String> codes) {
        return codes.isEmpty() ? "|" : codes.stream().collect(Collectors.joining("|", "|", "|"));
    }

    public static List<String> split(String column) {
        if (column == null || column.length() < 2) {
            return List.of();
        }
        return Arrays.stream(column.substring(1, column.length() - 1).split("\\|")).filter(s -> !s.isEmpty()).toList();
    }

    /** A LIKE pattern matching a column that holds {@code code} (LIKE wildcards in it are escaped). */
    public static String containing(String code) {
        return "%|" + code.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "|%";
    }
}

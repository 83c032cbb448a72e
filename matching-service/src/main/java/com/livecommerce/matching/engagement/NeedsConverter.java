package com.livecommerce.matching.engagement;

import com.livecommerce.matching.readmodel.Need;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Stores a set of needs as a comma-separated column, in declaration order. */
@Converter
public class NeedsConverter implements AttributeConverter<Set<Need>, String> {

    @Override
    public String convertToDatabaseColumn(Set<Need> needs) {
        return needs == null || needs.isEmpty() ? "" : EnumSet.copyOf(needs).stream().map(Enum::name).collect(Collectors.joining(","));
    }

    @Override
    public Set<Need> convertToEntityAttribute(String column) {
        if (column == null || column.isBlank()) {
            return EnumSet.noneOf(Need.class);
        }
        return Arrays.stream(column.split(",")).map(Need::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(Need.class)));
    }
}

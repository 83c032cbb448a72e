package com.livecommerce.plumbing.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The suite's list envelope: {@code {"items": [...], "page": 0, "size": 20, "total": 123}}. */
public record Page<T>(@Schema(required = true) List<T> items, @Schema(required = true) int page,
        @Schema(required = true) int size, @Schema(required = true) long total) {
}

package com.livecommerce.plumbing.rest;

import java.util.List;

/** The suite's list envelope: {@code {"items": [...], "page": 0, "size": 20, "total": 123}}. */
public record Page<T>(List<T> items, int page, int size, long total) {
}

package com.livecommerce.merchant.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.livecommerce.testsupport.AsyncApiDocs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** merchant-service's AsyncAPI file passes the AsyncAPI initiative's own parser (@asyncapi/parser): 0 errors, every $ref resolved. */
class AsyncApiTest {

    @Test
    void theAsyncApiFileParsesWithoutErrors() {
        AsyncApiDocs.Result result = AsyncApiDocs.parse(Path.of("src/main/resources/events/asyncapi.yaml"));
        assertEquals(List.of(), result.errors());
        assertTrue(result.parsed(), "the parser produced a document");
    }

    @Test
    void theParserRejectsABrokenDocument() throws Exception {
        Path broken = Path.of("target/asyncapi-broken.yaml");
        Files.writeString(broken, "asyncapi: 3.0.0\ninfo:\n  title: broken\nchannels: 5\n");
        AsyncApiDocs.Result result = AsyncApiDocs.parse(broken);
        assertFalse(result.errors().isEmpty(), "a channels map that is a number is an error");
    }
}

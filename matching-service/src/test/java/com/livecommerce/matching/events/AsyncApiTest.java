package com.livecommerce.matching.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.livecommerce.testsupport.AsyncApiDocs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** matching-service's AsyncAPI file passes the AsyncAPI initiative's own parser (@asyncapi/parser): 0 errors, every $ref resolved. */
class AsyncApiTest {

    @Test
    void theAsyncApiFileParsesWithoutErrors() {
        AsyncApiDocs.Result result = AsyncApiDocs.parse(Path.of("src/main/resources/events/asyncapi.yaml"));
        assertEquals(List.of(), result.errors());
        assertTrue(result.parsed(), "the parser produced a document");
    }
}

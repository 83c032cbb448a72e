package com.livecommerce.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.livecommerce.session.session.SessionResource;
import com.livecommerce.testsupport.ValidationScope;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No @Valid on a container (ValidationScope): it would add every implementation of List to each start's validation metadata. */
class ValidationScopeTest {

    @Test
    void noCascadeIsDeclaredOnAContainer() {
        assertEquals(List.of(), ValidationScope.cascadesOnContainersInModuleOf(SessionResource.class));
    }
}

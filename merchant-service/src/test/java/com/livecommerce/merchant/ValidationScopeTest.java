package com.livecommerce.merchant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.livecommerce.merchant.merchant.MerchantResource;
import com.livecommerce.testsupport.ValidationScope;
import jakarta.validation.Valid;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No @Valid on a container (ValidationScope): it would add every implementation of List to each start's validation metadata. */
class ValidationScopeTest {

    @Test
    void noCascadeIsDeclaredOnAContainer() {
        assertEquals(List.of(), ValidationScope.cascadesOnContainersInModuleOf(MerchantResource.class));
    }

    @Test
    void aCascadeOnAListIsFound() {
        List<String> found = ValidationScope.cascadesOnContainers(CascadeOnTheList.class);
        assertEquals(1, found.size(), found.toString());
        assertEquals(List.of(), ValidationScope.cascadesOnContainers(CascadeOnTheElements.class));
    }

    static class CascadeOnTheList {
        void record(@Valid List<String> entries) {
        }
    }

    static class CascadeOnTheElements {
        void record(List<@Valid String> entries) {
        }
    }
}

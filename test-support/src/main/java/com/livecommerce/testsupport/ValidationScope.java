package com.livecommerce.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a service asks Hibernate Validator for more than it needs at start-up. Quarkus builds the validation metadata of
 * every class it registers for validation at every start, and {@code @Valid} on a container itself (a parameter, field
 * or method of type {@code List}, {@code Set}, {@code Map}...) registers the container type and every implementation
 * of it in the index: for {@code java.util.List}, the protobuf lists of kafka-clients and gRPC, 28 classes, about
 * 0.2 s of merchant-service's start. {@code List<@Valid Entry>} cascades to the elements just the same and registers
 * only {@code Entry}.
 */
public final class ValidationScope {

    private static final String VALID = "jakarta.validation.Valid";

    private ValidationScope() {
    }

    /** Every {@code @Valid} on a container in the compiled classes next to {@code anchor} (a service's main classes). */
    public static List<String> cascadesOnContainersInModuleOf(Class<?> anchor) {
        Path root;
        try {
            root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    classes.add(Class.forName(name, false, anchor.getClassLoader()));
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("cannot load " + name, e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (classes.isEmpty()) {
            throw new IllegalStateException("no classes under " + root);
        }
        return cascadesOnContainers(classes.toArray(Class<?>[]::new));
    }

    /** Every {@code @Valid} on a container in these classes, as "Class.member: @Valid on Type (what to do instead)". */
    public static List<String> cascadesOnContainers(Class<?>... classes) {
        List<String> found = new ArrayList<>();
        for (Class<?> c : classes) {
            for (Field f : c.getDeclaredFields()) {
                check(found, c, f.getName(), f, f.getType());
            }
            for (Method m : c.getDeclaredMethods()) {
                check(found, c, m.getName() + "()", m, m.getReturnType());
                parameters(found, c, m);
            }
            for (var k : c.getDeclaredConstructors()) {
                parameters(found, c, k);
            }
        }
        return found;
    }

    private static void parameters(List<String> found, Class<?> c, Executable e) {
        for (Parameter p : e.getParameters()) {
            check(found, c, (e instanceof Method ? e.getName() : "<init>") + "(" + p.getName() + ")", p, p.getType());
        }
    }

    private static void check(List<String> found, Class<?> c, String member, AnnotatedElement element, Class<?> type) {
        boolean container = Iterable.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)
                || Optional.class.equals(type);
        if (!container) {
            return;
        }
        for (Annotation a : element.getDeclaredAnnotations()) {
            if (a.annotationType().getName().equals(VALID)) {
                found.add(c.getName() + "." + member + ": @Valid on " + type.getSimpleName()
                        + " (put it on the element type instead, e.g. List<@Valid X>)");
            }
        }
    }
}

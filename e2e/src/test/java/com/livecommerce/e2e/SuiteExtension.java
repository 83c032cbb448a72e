package com.livecommerce.e2e;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Starts the {@link Suite} before the test class and stops it after, also when anything fails (and from a shutdown
 * hook if the JVM goes away first); a failure prints the tail of every process's log.
 */
public class SuiteExtension implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {

    private static Suite suite;

    static Suite suite() {
        return suite;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        suite = Suite.create();
        try {
            suite.start();
        } catch (Exception | Error e) {
            System.err.println("[e2e] the suite did not start: " + e.getMessage() + suite.tails(40));
            suite.stop();
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (suite != null) {
            suite.stop();
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        printTails(context, throwable);
        throw throwable;
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        printTails(context, throwable);
        throw throwable;
    }

    private static void printTails(ExtensionContext context, Throwable throwable) {
        if (suite != null) {
            System.err.println("[e2e] " + context.getDisplayName() + " failed: " + throwable + suite.tails(30));
        }
    }
}

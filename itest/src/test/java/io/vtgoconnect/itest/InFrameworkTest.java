package io.vtgoconnect.itest;

import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.After;
import org.junit.Before;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/** An in-framework test with a fixture: the services Pax Exam injects, and the fixture each test opens and closes. */
public abstract class InFrameworkTest {
    @Inject
    protected BundleContext context;

    @Inject
    private CommandProcessor processor;

    @Inject
    private ConfigurationAdmin configAdmin;

    protected FrameworkFixture framework;

    @Before
    public void openFixture() {
        framework = new FrameworkFixture(context, configAdmin, processor);
    }

    @After
    public void closeFixture() throws Exception {
        framework.close();
    }
}

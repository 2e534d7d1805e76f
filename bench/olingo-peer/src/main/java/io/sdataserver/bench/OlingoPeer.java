package io.sdataserver.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import javax.servlet.http.HttpServletRequest;

import org.apache.olingo.odata2.api.ODataService;
import org.apache.olingo.odata2.api.ODataServiceFactory;
import org.apache.olingo.odata2.api.edm.provider.EdmProvider;
import org.apache.olingo.odata2.api.processor.ODataContext;
import org.apache.olingo.odata2.core.servlet.ODataServlet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * Benchmark peer: an Apache Olingo OData V2 service (plain JDBC, no JPA) on embedded Jetty.
 *
 * <p>Usage: {@code OlingoPeer <jdbcUrl> <port> <poolSize>} (port 0 picks a free port). Prints one
 * line {@code READY http://127.0.0.1:<port>/odata.svc} on stdout once it serves; logs go to stderr.
 */
public final class OlingoPeer {

    static final String SERVICE_PATH = "/odata.svc";

    private OlingoPeer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: OlingoPeer <jdbcUrl> <port> <poolSize>");
            System.exit(2);
        }
        // Quiet by default (stdout carries only the READY line); slf4j-simple reads this lazily.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");

        String jdbcUrl = args[0];
        int port = Integer.parseInt(args[1]);
        int poolSize = Integer.parseInt(args[2]);

        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(jdbcUrl);
        cfg.setMaximumPoolSize(poolSize);
        cfg.setMinimumIdle(poolSize); // fixed-size pool, as in the server under comparison
        cfg.setPoolName("olingo-peer");
        HikariDataSource ds = new HikariDataSource(cfg);

        OrderRepository repo = new OrderRepository(ds);
        repo.init();

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new PeerServlet(new PeerServiceFactory(repo))), SERVICE_PATH + "/*");
        server.setHandler(context);
        server.setStopAtShutdown(true);
        server.start();

        System.out.println("READY http://127.0.0.1:" + connector.getLocalPort() + SERVICE_PATH);
        System.out.flush();
        try {
            server.join();
        } finally {
            ds.close();
        }
    }

    /** One service per request (Olingo binds the processor to the request context); EDM shared. */
    static final class PeerServiceFactory extends ODataServiceFactory {
        private final EdmProvider edm = new PeerEdmProvider();
        private final OrderRepository repo;

        PeerServiceFactory(OrderRepository repo) {
            this.repo = repo;
        }

        @Override
        public ODataService createService(ODataContext ctx) {
            return createODataSingleProcessorService(edm, new PeerProcessor(repo));
        }
    }

    /** Olingo's servlet, handed our factory instance instead of instantiating one by class name. */
    static final class PeerServlet extends ODataServlet {
        private static final long serialVersionUID = 1L;
        private final transient ODataServiceFactory factory;

        PeerServlet(ODataServiceFactory factory) {
            this.factory = factory;
        }

        @Override
        protected ODataServiceFactory getServiceFactory(HttpServletRequest request) {
            return factory;
        }
    }
}

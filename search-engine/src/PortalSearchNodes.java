import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.node.Node;

/**
 * Runs N real OpenSearch nodes inside this one JVM, for development and tests.
 *
 * <p>The nodes come from the OpenSearch runner artifacts on Maven Central, which
 * put the server and its bundled modules (analysis-common, mapper-extras, ...)
 * on the classpath. Every node binds 127.0.0.1 only: node k (1-based) serves
 * HTTP on {@code httpPort + k - 1} and transport on {@code transportPort + k - 1}.
 *
 * <p>Control: searchctl.sh drops a file named {@code stop-node-K} or
 * {@code start-node-K} into the control directory; this process polls it,
 * closes or restarts that node, and records the outcome in
 * {@code node-K.state}. That lets a test stop one node of a 3-node cluster
 * while the others keep serving, without one JVM per node. SIGTERM closes
 * every node cleanly (shutdown hook).
 *
 * <p>Usage: {@code PortalSearchNodes BASE_DIR NODES HTTP_PORT TRANSPORT_PORT CLUSTER_NAME}
 */
public final class PortalSearchNodes {

    private static final long CONTROL_POLL_MILLIS = 200;

    private PortalSearchNodes() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: PortalSearchNodes BASE_DIR NODES HTTP_PORT TRANSPORT_PORT CLUSTER_NAME");
            System.exit(2);
        }
        final Path baseDir = Paths.get(args[0]).toAbsolutePath();
        final int nodes = Integer.parseInt(args[1]);
        final int httpPort = Integer.parseInt(args[2]);
        final int transportPort = Integer.parseInt(args[3]);
        final String clusterName = args[4];
        final Path controlDir = baseDir.resolve("control");
        Files.createDirectories(controlDir);

        final List<String> nodeNames = new ArrayList<>();
        final List<String> seedHosts = new ArrayList<>();
        for (int k = 1; k <= nodes; k++) {
            nodeNames.add(nodeName(k));
            seedHosts.add("127.0.0.1:" + (transportPort + k - 1));
        }

        final OpenSearchRunner runner = new OpenSearchRunner();
        // Ports are fixed by the settings below; stop the runner from probing
        // for a free port of its own.
        runner.setMaxHttpPort(-1);
        runner.onBuild((number, settings) -> {
            // The runner numbers nodes from 1.
            settings.put("node.name", nodeName(number));
            settings.put("network.host", "127.0.0.1");
            settings.put("http.port", String.valueOf(httpPort + number - 1));
            settings.put("transport.port", String.valueOf(transportPort + number - 1));
            // Developer and CI disks are often fuller than the default watermarks
            // allow; a scratch cluster must not go read-only or leave replicas
            // unassigned because of that.
            settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
            if (nodes == 1) {
                settings.put("discovery.type", "single-node");
            } else {
                settings.putList("discovery.seed_hosts", seedHosts);
                settings.putList("cluster.initial_cluster_manager_nodes", nodeNames);
                // Nodes are started one after the other; without this the first
                // node would block for 30 s waiting for a quorum that only the
                // later nodes can provide. searchctl.sh waits for the health
                // of the whole cluster instead.
                settings.put("discovery.initial_state_timeout", "1s");
            }
        });

        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                log("shutting down " + nodes + " node(s)");
                runner.close();
            } catch (IOException | RuntimeException e) {
                log("error while closing nodes: " + e);
            } finally {
                stopped.countDown();
            }
        }, "portal-search-shutdown"));

        log("starting " + nodes + " node(s) of cluster '" + clusterName + "' in " + baseDir);
        runner.build(OpenSearchRunner.newConfigs()
                .basePath(baseDir.resolve("data").toString())
                .numOfNode(nodes)
                .baseHttpPort(httpPort - 1)
                .clusterName(clusterName));
        for (int k = 1; k <= nodes; k++) {
            writeState(controlDir, k, "running");
        }
        log("all nodes started; HTTP on 127.0.0.1:" + httpPort + ".." + (httpPort + nodes - 1));

        while (stopped.getCount() > 0) {
            for (int k = 1; k <= nodes; k++) {
                handleControl(runner, controlDir, k);
            }
            Thread.sleep(CONTROL_POLL_MILLIS);
        }
    }

    private static void handleControl(OpenSearchRunner runner, Path controlDir, int k) {
        final Path stop = controlDir.resolve("stop-node-" + k);
        final Path start = controlDir.resolve("start-node-" + k);
        try {
            if (Files.deleteIfExists(stop)) {
                final Node node = runner.getNode(k - 1);
                if (node != null && !node.isClosed()) {
                    log("stopping node " + k + " on request");
                    node.close();
                }
                writeState(controlDir, k, "stopped");
                log("node " + k + " stopped");
            }
            if (Files.deleteIfExists(start)) {
                log("starting node " + k + " on request");
                // startNode() only acts on a closed node and returns false otherwise.
                runner.startNode(k - 1);
                writeState(controlDir, k, "running");
                log("node " + k + " running");
            }
        } catch (IOException | RuntimeException e) {
            log("control request for node " + k + " failed: " + e);
        }
    }

    private static String nodeName(int k) {
        return "portal-node-" + k;
    }

    private static void writeState(Path controlDir, int k, String state) throws IOException {
        final Path tmp = controlDir.resolve("node-" + k + ".state.tmp");
        Files.write(tmp, (state + "\n").getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, controlDir.resolve("node-" + k + ".state"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static void log(String message) {
        System.out.println("[portal-search] " + message);
        System.out.flush();
    }
}

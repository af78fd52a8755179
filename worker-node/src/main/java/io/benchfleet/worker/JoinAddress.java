package io.benchfleet.worker;

import io.benchfleet.protocol.cluster.ClusterConfig;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** The coordinator's cluster address as a user writes it: {@code HOST:PORT}. */
record JoinAddress(String host, int port) {

    static JoinAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT (e.g. 10.0.0.5:25520)");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no port number after the colon; expected HOST:PORT");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " in '" + text + "' is out of range 1-65535");
        }
        return new JoinAddress(text.substring(0, colon), port);
    }

    String seedNode() {
        return "pekko://" + ClusterConfig.SYSTEM_NAME + "@" + host + ":" + port;
    }

    /**
     * The address of this machine that the coordinator can reach back: loopback for a local
     * coordinator, else the interface the route to it leaves through (a connected UDP socket sends
     * nothing, it only picks the route).
     */
    String localAddressTowards() {
        try {
            InetAddress target = InetAddress.getByName(host);
            if (target.isLoopbackAddress()) {
                return "127.0.0.1";
            }
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.connect(new InetSocketAddress(target, port));
                return socket.getLocalAddress().getHostAddress();
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host '" + host + "' in --join " + host + ":" + port);
        } catch (IOException e) {
            throw new IllegalArgumentException("no route to " + host + ":" + port + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}

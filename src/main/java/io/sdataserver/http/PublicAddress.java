package io.sdataserver.http;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where the absolute links of answers point ({@code Location}, {@code atom:id}, paging links). They never come from
 * whatever {@code Host} a client sends: with {@code --public-url} they start with it; otherwise a request's Host is
 * kept only when it names this machine (localhost, its host name, one of its addresses) or one of the
 * {@code --allowed-host} names, and any other is replaced by {@code localhost} on the server's port. A request from a
 * {@code --trusted-proxy} address is placed where its {@code X-Forwarded-Proto}/{@code -Host}/{@code -Port} (or
 * {@code Forwarded}) headers say; from anyone else those headers mean nothing.
 */
public record PublicAddress(URI publicUrl, List<String> allowedHosts, List<String> trustedProxies) {
    public static final PublicAddress DEFAULT = new PublicAddress(null, List.of(), List.of());

    public PublicAddress(URI publicUrl, List<String> allowedHosts) { this(publicUrl, allowedHosts, List.of()); }

    public PublicAddress {
        allowedHosts = List.copyOf(allowedHosts);
        trustedProxies = List.copyOf(trustedProxies);
        if (publicUrl != null) {
            String s = publicUrl.toString();
            if (!s.endsWith("/")) publicUrl = URI.create(s + "/");
            if (publicUrl.getScheme() == null || publicUrl.getHost() == null || !(publicUrl.getScheme().equals("http")
                    || publicUrl.getScheme().equals("https")) || publicUrl.getQuery() != null) {
                throw new IllegalArgumentException("--public-url '" + s + "' is not an http(s) URL such as https://sdata.example.com");
            }
        }
    }

    /** The hosts a Host header may name: this machine's names and addresses, and the allowed ones. */
    Set<String> trustedHosts() {
        Set<String> hosts = new HashSet<>(List.of("localhost", "127.0.0.1", "::1", "[::1]"));
        for (String h : allowedHosts) hosts.add(h.toLowerCase(Locale.ROOT));
        try {
            InetAddress local = InetAddress.getLocalHost();
            hosts.add(local.getHostName().toLowerCase(Locale.ROOT));
            hosts.add(local.getCanonicalHostName().toLowerCase(Locale.ROOT));
        } catch (UnknownHostException ignored) {
            // no name for this machine: its addresses still count
        }
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    String text = a.getHostAddress();
                    int zone = text.indexOf('%');
                    if (zone >= 0) text = text.substring(0, zone);
                    hosts.add(text.toLowerCase(Locale.ROOT));
                    if (text.contains(":")) hosts.add("[" + text.toLowerCase(Locale.ROOT) + "]");
                }
            }
        } catch (SocketException ignored) {
            // no interfaces to list: localhost still counts
        }
        return hosts;
    }
}

package io.sdataserver.store;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.Postgres;
import io.sdataserver.testsupport.ServerProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TableStampsPostgresTest extends TableStampsContract {
    @Override Backend backend() { return Backend.POSTGRES; }

    private static ServerProcess start(String db) {
        return ServerProcess.start("--port", "0", "--host", "127.0.0.1", "--db", db, "--contracts", "schemas");
    }

    /** Two server processes on one PostgreSQL: what one writes moves the other's cached counts and feed ETags. */
    @Test
    void aCreateThroughOneProcessIsCountedAndValidatedByTheOther() {
        String db = Postgres.newDatabaseUrl();
        try (ServerProcess a = start(db); ServerProcess b = start(db)) {
            String contacts = a.base() + "/contacts";
            String products = a.base() + "/products";
            assertEquals(0, total(contacts));
            String contactsTag = feedEtag(contacts);
            String productsTag = feedEtag(products);

            assertEquals(201, Http.post(b.base() + "/contacts", contact("FromB")).status());
            assertEquals(1, total(contacts), "A's cached count of contacts is not served after B's create");
            contactsTag = changed(contacts, contactsTag, "B created a contact");
            unchanged(products, productsTag, "B's contact is no part of A's products feed");

            assertEquals(201, Http.post(b.base() + "/products", product("FromB")).status());
            assertEquals(1, total(products));
            changed(products, productsTag, "B created a product");
            unchanged(contacts, contactsTag, "B's product is no part of A's contacts feed");
        }
    }

    /**
     * Writers on two processes create contacts, products and tax codes at the same time while a reader keeps asking
     * both processes for every count (so they cache counts of every intermediate state): at the end each process
     * counts exactly the creates that were answered 201.
     */
    @Test
    void concurrentCreatesOnTwoProcessesAreCountedExactlyByBoth() throws Exception {
        String db = Postgres.newDatabaseUrl();
        int perWriter = 25;
        try (ServerProcess a = start(db); ServerProcess b = start(db)) {
            // process, kind, element: contacts on A, products on B, tax codes on both
            List<String[]> writers = List.of(new String[] {a.base(), "contacts"}, new String[] {a.base(), "contacts"},
                    new String[] {a.base(), "taxCodes"}, new String[] {b.base(), "products"}, new String[] {b.base(), "products"},
                    new String[] {b.base(), "taxCodes"});
            Map<String, Integer> expected = Map.of("contacts", 2 * perWriter, "products", 2 * perWriter, "taxCodes", 2 * perWriter);
            ExecutorService pool = Executors.newFixedThreadPool(writers.size() + 1);
            AtomicBoolean writing = new AtomicBoolean(true);
            try {
                Future<Integer> reader = pool.submit(() -> {
                    int reads = 0;
                    while (writing.get()) {
                        for (String base : List.of(a.base(), b.base())) {
                            for (String kind : expected.keySet()) {
                                total(base + "/" + kind);
                                reads++;
                            }
                        }
                    }
                    return reads;
                });
                List<Future<Integer>> created = new ArrayList<>();
                for (int w = 0; w < writers.size(); w++) {
                    String[] spec = writers.get(w);
                    int writer = w;
                    created.add(pool.submit(() -> {
                        int ok = 0;
                        for (int i = 0; i < perWriter; i++) {
                            String name = "w" + writer + "-" + i;
                            String body = switch (spec[1]) {
                                case "contacts" -> contact(name);
                                case "products" -> product(name);
                                default -> entry(resource("taxCode", "", "<code>" + name + "</code>"));
                            };
                            Reply r = Http.post(spec[0] + "/" + spec[1], body);
                            assertEquals(201, r.status(), r::toString);
                            ok++;
                        }
                        return ok;
                    }));
                }
                for (Future<Integer> f : created) assertEquals(perWriter, f.get(5, TimeUnit.MINUTES));
                writing.set(false);
                reader.get(1, TimeUnit.MINUTES);
            } finally {
                writing.set(false);
                pool.shutdownNow();
            }
            for (String base : List.of(a.base(), b.base())) {
                for (Map.Entry<String, Integer> e : expected.entrySet()) {
                    assertEquals(e.getValue().longValue(), total(base + "/" + e.getKey()), base + " counts every " + e.getKey());
                }
            }
        }
    }
}

package io.sdataserver;

import io.sdataserver.contract.Contract;
import io.sdataserver.contract.ContractLoader;
import io.sdataserver.http.AtomRepresentation;
import io.sdataserver.store.BatchJobs;
import io.sdataserver.pipeline.Dispatcher;
import io.sdataserver.pipeline.Outcomes;
import io.sdataserver.service.ChildService;
import io.sdataserver.service.QueryService;
import io.sdataserver.service.ResourceService;
import io.sdataserver.store.CollectionQueries;
import io.sdataserver.store.Database;
import io.sdataserver.store.ResourceStore;
import io.sdataserver.store.UnitsOfWork;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The server below HTTP: contracts, the migrated database and the operation pipeline. HTTP is one way in; a batch
 * entry or a job is another, and uses the same dispatcher.
 */
public record Assembly(ServerConfig config, Map<String, Contract> contracts, Set<String> datasets, Database database,
                       UnitsOfWork units, Dispatcher dispatcher, AtomRepresentation representation) implements AutoCloseable {

    /** Loads the contracts and migrates the database; throws with a readable cause otherwise. */
    public static Assembly of(ServerConfig config) {
        Map<String, Contract> contracts = ContractLoader.loadFolder(config.contracts());
        Database db = new Database(config.databaseUrl(), contracts.values(), config.dbPoolSize());
        try {
            Set<String> datasets = new LinkedHashSet<>();
            datasets.add("-");
            datasets.addAll(config.datasets());
            ResourceStore store = new ResourceStore(db);
            UnitsOfWork units = new UnitsOfWork(db);
            units.prepare(datasets);
            java.util.List<String> kinds = new java.util.ArrayList<>();
            for (Contract c : contracts.values()) for (io.sdataserver.contract.ResourceKind k : c.kinds()) kinds.add(k.pluralName());
            config.concurrency().check(kinds);
            ResourceService resources = new ResourceService(store, config.concurrency());
            QueryService queries = new QueryService(new CollectionQueries(db, store), resources);
            AtomRepresentation representation = new AtomRepresentation(config.application());
            Dispatcher dispatcher = new Dispatcher(resources, new ChildService(store, resources), queries, units, config,
                    new Outcomes(config.dev()), new BatchJobs(db));
            return new Assembly(config, contracts, java.util.Collections.unmodifiableSet(datasets), db, units, dispatcher,
                    representation);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    @Override
    public void close() {
        dispatcher.close();
        database.close();
    }
}

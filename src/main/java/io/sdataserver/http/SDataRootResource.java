package io.sdataserver.http;

import io.sdataserver.contract.Contract;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataCode;
import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.pipeline.Dispatcher;
import io.sdataserver.security.Caller;
import io.sdataserver.security.Grant;
import io.sdataserver.pipeline.Outcome;
import io.sdataserver.pipeline.SDataPath;
import io.sdataserver.pipeline.Targets;
import io.sdataserver.pipeline.Urls;
import io.sdataserver.service.Dataset;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The root locator of {@code /sdata} (§2.1, §2.9): answers the intermediate feeds itself and hands everything
 * below a dataset to the sub-resource for that URL.
 */
@Path("sdata")
public final class SDataRootResource {
    private final Services services;

    public SDataRootResource(Services services) { this.services = services; }

    @GET
    public Response provider(@Context UriInfo uri, @Context HttpHeaders headers) { // everyone who may call sees the application
        Urls urls = new Urls(uri.getBaseUri().toString(), null, null, null);
        String app = services.config().application();
        List<Outcome.CatalogItem> items = List.of(new Outcome.CatalogItem(urls.application(app), app, "application", "Application"));
        return intermediate(uri, headers, urls.sdata(), "SData provider | " + services.config().application(), "provider", "Provider", items);
    }

    @GET
    @Path("{app}")
    public Response application(@Context UriInfo uri, @Context HttpHeaders headers, @Context ContainerRequestContext request,
                                @PathParam("app") String app) {
        requireApplication(app);
        Caller caller = AuthFilter.caller(request);
        Urls urls = new Urls(uri.getBaseUri().toString(), null, null, null);
        List<Outcome.CatalogItem> items = new ArrayList<>();
        for (String c : services.contracts().keySet()) if (caller.sees(c, null)) items.add(new Outcome.CatalogItem(urls.contract(app, c), c, "contract", "Contract"));
        return intermediate(uri, headers, urls.application(app), app, "application", "Application", items);
    }

    @GET
    @Path("{app}/{contract}")
    public Response contract(@Context UriInfo uri, @Context HttpHeaders headers, @Context ContainerRequestContext request,
                             @PathParam("app") String app, @PathParam("contract") String contract) {
        requireApplication(app);
        requireContract(contract);
        Caller caller = AuthFilter.caller(request);
        if (!caller.sees(contract, null)) throw forbidden(caller, contract);
        List<Outcome.CatalogItem> items = new ArrayList<>();
        for (String ds : services.datasets()) {
            if (!caller.sees(contract, ds)) continue; // the list shows only what the caller may read
            Urls urls = new Urls(uri.getBaseUri().toString(), app, contract, ds);
            items.add(new Outcome.CatalogItem(urls.dataset(), ds.equals("-") ? "Default dataset" : ds, "dataset", "Dataset"));
        }
        Urls urls = new Urls(uri.getBaseUri().toString(), null, null, null);
        return intermediate(uri, headers, urls.contract(app, contract), app + " | " + contract, "contract", "Contract", items);
    }

    @GET
    @Path("{app}/{contract}/{dataset}")
    public Response dataset(@Context UriInfo uri, @Context HttpHeaders headers, @Context ContainerRequestContext request,
                            @PathParam("app") String app, @PathParam("contract") String contract, @PathParam("dataset") String dataset) {
        Dataset ds = dataset(app, contract, dataset);
        Caller caller = AuthFilter.caller(request);
        if (!caller.may(Grant.Level.READ, contract, dataset)) throw forbidden(caller, contract + "/" + dataset);
        Urls urls = new Urls(uri.getBaseUri().toString(), app, contract, dataset);
        List<Outcome.CatalogItem> items = new ArrayList<>();
        for (ResourceKind k : ds.contract().kinds()) {
            items.add(new Outcome.CatalogItem(urls.collection(k), Dispatcher.title(k), "collection", "Resource Collection"));
        }
        return intermediate(uri, headers, urls.dataset(), app + " | " + contract + " (" + dataset + ")", "dataset", "Dataset", items);
    }

    /** Everything below a dataset: resource kinds, resources, $schema, $template. */
    @Path("{app}/{contract}/{dataset}/{rest: .+}")
    public Object locate(@Context UriInfo uri, @PathParam("app") String app, @PathParam("contract") String contract,
                         @PathParam("dataset") String dataset) {
        Dataset ds = dataset(app, contract, dataset);
        Urls urls = new Urls(uri.getBaseUri().toString(), app, contract, dataset);
        return new DatasetEndpoint(services, Targets.parse(ds, SDataPath.parse(restOf(uri.getRequestUri().getRawPath()))), urls);
    }

    /** The raw (still encoded) path after the dataset segment. */
    private static String restOf(String rawPath) {
        int start = rawPath.indexOf("/sdata/");
        int slashes = 0;
        for (int i = start + 1; i < rawPath.length(); i++) {
            if (rawPath.charAt(i) == '/' && ++slashes == 4) return rawPath.substring(i + 1);
        }
        return "";
    }

    private Dataset dataset(String app, String contract, String dataset) {
        requireApplication(app);
        Contract c = requireContract(contract);
        if (!services.datasets().contains(dataset)) {
            throw SDataException.notFound(SDataCode.DatasetNotFound, "dataset '" + dataset + "' does not exist; this server has "
                    + String.join(", ", services.datasets()));
        }
        return new Dataset(app, c, dataset);
    }

    private void requireApplication(String app) {
        if (!services.config().application().equals(app)) {
            throw SDataException.notFound(SDataCode.ApplicationNotFound, "application '" + app + "' does not exist; this server serves '"
                    + services.config().application() + "'");
        }
    }

    private Contract requireContract(String name) {
        Contract c = services.contracts().get(name);
        if (c == null) {
            throw new SDataException(404, Diagnosis.error(SDataCode.ContractNotFound, "contract '" + name + "' does not exist; this server has "
                    + String.join(", ", services.contracts().keySet())));
        }
        return c;
    }

    private static SDataException forbidden(Caller caller, String what) {
        return new SDataException(403, Diagnosis.application("Forbidden", caller.name() + " may not read " + what, null));
    }

    /** An intermediate URL's feed (URL-24): one entry per item of the next level, tagged with its category. */
    private Response intermediate(UriInfo uri, HttpHeaders headers, String self, String title, String term, String label,
                                  List<Outcome.CatalogItem> items) {
        return services.responses().of(Outcome.of(200, new Outcome.Catalog(self, title, term, label, items)), null,
                uri.getQueryParameters(), headers);
    }
}

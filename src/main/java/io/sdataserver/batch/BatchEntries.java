package io.sdataserver.batch;

import io.sdataserver.payload.RequestEntry;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.pipeline.Query;
import io.sdataserver.pipeline.Representation;
import io.sdataserver.pipeline.RequestUrl;
import io.sdataserver.pipeline.SDataPath;
import io.sdataserver.pipeline.SDataRequest;
import io.sdataserver.pipeline.Target;
import io.sdataserver.pipeline.Targets;
import io.sdataserver.pipeline.Urls;
import io.sdataserver.service.Dataset;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the entries of a batch feed into the operations they stand for (§13.3), each a request like a single one:
 * its method, its target from the entry's URL (a create without one goes to the batch's collection, or in a batch
 * across kinds to the kind its payload names), its http:ifMatch as If-Match. Every entry is checked before any runs:
 * a batch that cannot be understood whole is refused whole (400), and nothing of it is applied.
 */
public final class BatchEntries {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE");

    private BatchEntries() { }

    /** One entry ready to run: the operation, and what its response entry echoes (the URL it named, or its collection). */
    public record Prepared(String method, String id, SDataRequest request) { }

    static List<Prepared> prepare(Target.Batch batch, List<RequestEntry> entries, Urls urls, Representation answer,
                                  io.sdataserver.security.Caller caller) {
        List<Prepared> out = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            RequestEntry e = entries.get(i);
            try {
                out.add(prepare(batch, e, urls, answer, caller));
            } catch (SDataException fault) {
                throw invalid("entry " + (i + 1) + ": " + fault.getMessage());
            }
        }
        return out;
    }

    private static Prepared prepare(Target.Batch batch, RequestEntry e, Urls urls, Representation answer,
                                    io.sdataserver.security.Caller caller) {
        String method = e.httpMethod() == null ? null : e.httpMethod().trim().toUpperCase(Locale.ROOT);
        if (method == null) throw invalid("it has no http:httpMethod (GET, POST, PUT or DELETE)");
        if (!METHODS.contains(method)) throw invalid("http:httpMethod '" + e.httpMethod() + "' is not GET, POST, PUT or DELETE");
        Dataset ds = batch.dataset();
        Target target;
        String url;
        Query query = Query.NONE;
        if (e.id() == null) {
            if (!method.equals("POST")) throw invalid("a " + method + " entry must name its resource in atom:id (§13.3)");
            ResourceKind kind = batch.kind() != null ? batch.kind() : kindOfPayload(ds, e.resourceName());
            target = new Target.Collection(ds, kind);
            url = urls.collection(kind);
        } else {
            url = e.id();
            URI uri = parse(url);
            target = Targets.parse(ds, SDataPath.parse(rest(uri, ds)));
            query = Query.parse(uri.getRawQuery());
        }
        check(batch, method, target);
        SDataRequest r = new SDataRequest(target, method, e::resource, SDataRequest.NO_BATCH, e.ifMatch(), null, query,
                new RequestUrl(url), urls, answer, caller);
        return new Prepared(method, e.id() != null ? e.id() : url, r);
    }

    /** What an entry may address: one resource for GET, PUT and DELETE (BAT-4), a collection or child list for POST. */
    private static void check(Target.Batch batch, String method, Target t) {
        ResourceKind kind;
        if (t instanceof Target.Resource r) kind = r.path().kind();
        else if (t instanceof Target.Child c) kind = c.owner().kind();
        else if (t instanceof Target.Collection c && method.equals("POST")) kind = c.kind();
        else if (t instanceof Target.Related r && method.equals("POST") && r.property().isChild()) kind = r.owner().kind();
        else throw invalid("a " + method + " entry must address a single resource" + (method.equals("POST") ? " or a collection" : ""));
        if (batch.kind() != null && kind != batch.kind()) {
            throw invalid("it addresses " + kind.pluralName() + ", outside this batch of " + batch.kind().pluralName()
                    + " (a batch across kinds is posted to the dataset's $batch)");
        }
    }

    private static ResourceKind kindOfPayload(Dataset ds, String element) {
        if (element == null) throw invalid("a create without atom:id needs a payload naming its resource kind");
        for (ResourceKind k : ds.contract().kinds()) if (k.elementName().equals(element)) return k;
        throw invalid("<" + element + "> is not a resource kind of contract " + ds.contract().name());
    }

    private static URI parse(String url) {
        try {
            return URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw invalid("atom:id '" + url + "' is not a URL");
        }
    }

    /** The path below the batch's dataset: the entry must be in the same application, contract and dataset. */
    private static String rest(URI uri, Dataset ds) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        int at = path.indexOf("/sdata/");
        String[] parts = at < 0 ? new String[0] : path.substring(at + "/sdata/".length()).split("/", 4);
        if (parts.length < 4 || !Query.decode(parts[0]).equals(ds.application()) || !Query.decode(parts[1]).equals(ds.contract().name())
                || !Query.decode(parts[2]).equals(ds.name())) {
            throw invalid("atom:id '" + uri + "' is not a resource of this dataset (" + ds.application() + "/"
                    + ds.contract().name() + "/" + ds.name() + ")");
        }
        return parts[3];
    }


    private static SDataException invalid(String message) {
        return new SDataException(400, Diagnosis.application("InvalidBatch", message, null));
    }
}

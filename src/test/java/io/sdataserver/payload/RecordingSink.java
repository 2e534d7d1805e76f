package io.sdataserver.payload;

import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import java.util.ArrayList;
import java.util.List;

/** A payload sink that notes each call in words, to check what a writer says rather than how a format spells it. */
final class RecordingSink implements PayloadSink {
    final List<String> calls = new ArrayList<>();

    private void note(String call) { calls.add(call); }

    private static String id(Identity id) { return id.key() + " " + id.uuid() + " " + id.url(); }

    @Override public void startResource(ResourceKind kind, Identity id) { note("resource " + kind.elementName() + " " + id(id)); }
    @Override public void startResource(Property p, Identity id) { note("resource in " + p.name() + " " + id(id)); }
    @Override public void startItem(Identity id) { note("item " + id(id)); }
    @Override public void endResource() { note("end resource"); }
    @Override public void simple(Property p, String lexical) { note(p.name() + " = " + lexical); }
    @Override public void nil(Property p) { note(p.name() + " nil"); }
    @Override public void link(Property p, Identity target, String lookup) { note("link " + p.name() + " " + id(target) + " " + lookup); }
    @Override public void startList(Property p, String url, boolean withItems) { note("list " + p.name() + " " + url); }
    @Override public void linkItem(Identity target) { note("link item " + id(target)); }
    @Override public void emptyItem() { note("empty item"); }
    @Override public void endList() { note("end list"); }
}

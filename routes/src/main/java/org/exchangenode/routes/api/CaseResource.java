package org.exchangenode.routes.api;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.exchangenode.core.cases.CaseRole;
import org.exchangenode.core.cases.CaseState;
import org.exchangenode.core.form.Masking;
import org.exchangenode.routes.persistence.CaseStore;

/** Transfer cases for the local system and operators; the person is always shown masked. */
@Path("/api/v1/cases")
@Tag(name = "cases", description = "Transfer cases: role, person (masked), peer, state, amounts, timeline")
public class CaseResource {
    private final CaseStore store;

    public CaseResource(CaseStore store) {
        this.store = store;
    }

    public record CaseView(String caseId, CaseRole role, CaseState state, String peer, String personIdNumber,
                           String personName, String letterNumber, BigDecimal infoTotal, BigDecimal fundAmount,
                           boolean amountMismatch, String openedAt, String updatedAt, String closedAt,
                           List<CaseStore.CaseEvent> timeline) {
        static CaseView of(CaseStore.CaseRecord c, List<CaseStore.CaseEvent> timeline) {
            return new CaseView(c.caseId(), c.role(), c.state(), c.peer(), Masking.idNumber(c.personIdNumber()),
                    Masking.name(c.personName()), c.letterNumber(), c.infoTotal(), c.fundAmount(), c.amountMismatch(),
                    text(c.openedAt()), text(c.updatedAt()), text(c.closedAt()), timeline);
        }

        private static String text(java.time.OffsetDateTime time) {
            return time == null ? null : time.toInstant().toString();
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cases by state, peer and role, newest first, paged")
    public List<CaseView> list(@QueryParam("state") String state, @QueryParam("peer") String peer,
                               @QueryParam("role") String role, @QueryParam("page") @DefaultValue("0") int page,
                               @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        return store.list(MessageResource.parse(CaseState.class, "state", state), peer, MessageResource.parse(CaseRole.class, "role", role), page, size)
                .stream().map(c -> CaseView.of(c, null)).toList();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A case with its timeline of messages (the progress lookup of the online service)")
    public CaseView get(@PathParam("id") String id) {
        return store.find(id).map(c -> CaseView.of(c, store.events(id)))
                .orElseThrow(() -> ApiExceptionMappers.notFound("case " + id));
    }
}

package org.exchangenode.routes.intake;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.xml.Dom;
import org.exchangenode.core.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The SOAP intake's faults carry a code and a short message, nothing of the request. {@link SoapIntake} builds its
 * own that way; a fault raised by CXF before the service runs (a body that does not parse, say) would carry the
 * parser's message, which quotes the request (a 9 MB name came back twice in an 18.9 MB fault): such a fault is
 * replaced by the catalogue's summary and an {@code IntakeFault} detail with the code.
 */
public class BoundedSoapFaults extends AbstractPhaseInterceptor<Message> {

    public BoundedSoapFaults() {
        super(Phase.PRE_LOGICAL);
    }

    @Override
    public void handleMessage(Message message) {
        if (!(message.getContent(Exception.class) instanceof Fault fault) || fromTheService(fault)) {
            return;
        }
        String side = fault.getFaultCode() == null ? "" : fault.getFaultCode().getLocalPart();
        ErrorCode code = side.equalsIgnoreCase("Client") || side.equalsIgnoreCase("Sender")
                ? ErrorCode.MALFORMED_XML : ErrorCode.INTERNAL;
        fault.setMessage(code.summary());
        Document document = SecureXml.newDocument();
        Element detail = document.createElement("detail");
        document.appendChild(detail);
        Element entry = Dom.appendElement(detail, SoapIntake.NS, "svc", "IntakeFault");
        Dom.append(entry, SoapIntake.NS, "svc", "Code", code.name());
        Dom.append(entry, SoapIntake.NS, "svc", "Message", code.summary());
        fault.setDetail(detail);
    }

    /** A fault {@link SoapIntake} built: its detail is an IntakeFault. */
    private static boolean fromTheService(Fault fault) {
        Element detail = fault.getDetail();
        return detail != null && Dom.child(detail, SoapIntake.NS, "IntakeFault") != null;
    }
}

package org.exchangenode.routes.intake;

import static org.exchangenode.core.text.LogText.escape;

import jakarta.inject.Singleton;
import jakarta.xml.soap.Detail;
import jakarta.xml.soap.DetailEntry;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFactory;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceProvider;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.dom.DOMSource;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.form.FieldViolation;
import org.exchangenode.core.form.InvalidFormException;
import org.exchangenode.core.form.ViolationCode;
import org.exchangenode.core.xml.Dom;
import org.exchangenode.core.xml.SecureXml;
import org.exchangenode.routes.cases.CaseStore;
import org.exchangenode.routes.deadlines.StepStore;
import org.jboss.logging.Logger;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The SOAP service of the local system ({@code schemas} exchangenode/wsdl/intake-1.wsdl, at /soap/intake): one
 * operation per form, each through the same {@link FormIntake} as REST, and the case status. A refused form is a
 * SOAP fault (Client) whose detail {@code IntakeFault} lists every failing field by element path; an outage of the
 * database or the broker a fault (Server) to retry. Nothing is stored for a fault.
 */
@Singleton
@WebServiceProvider(serviceName = "IntakeService", portName = "IntakePort", targetNamespace = SoapIntake.NS,
        wsdlLocation = "exchangenode/wsdl/intake-1.wsdl")
@ServiceMode(Service.Mode.PAYLOAD)
public class SoapIntake implements Provider<Source> {
    static final String NS = "urn:exchangenode:soap:intake:1";
    /** At most this many violations and characters per text in a fault. */
    private static final int MAX_VIOLATIONS = 50;
    private static final int MAX_TEXT = 200;
    private static final Logger LOG = Logger.getLogger(SoapIntake.class);
    private static final Map<String, MessageType> OPERATIONS = Map.of(
            "SubmitContactLetter", MessageType.CONTACT_LETTER,
            "SubmitInfoForm", MessageType.INFO_FORM,
            "SubmitFundTransferNotice", MessageType.FUND_TRANSFER_NOTICE,
            "SubmitCompletionNotice", MessageType.COMPLETION_NOTICE,
            "SubmitRefusal", MessageType.REFUSAL,
            "SubmitReminder", MessageType.REMINDER);
    private final FormIntake intake;
    private final CaseStore cases;
    private final StepStore steps;

    public SoapIntake(FormIntake intake, CaseStore cases, StepStore steps) {
        this.intake = intake;
        this.cases = cases;
        this.steps = steps;
    }

    @Override
    public Source invoke(Source request) {
        Element payload = element(request);
        String operation = payload.getLocalName();
        try {
            if (!NS.equals(payload.getNamespaceURI())) {
                throw fault(ErrorCode.UNKNOWN_OPERATION, "the body must be an element of " + NS, List.of());
            }
            if ("GetCaseStatus".equals(operation)) {
                return caseStatus(text(payload, "CaseId"));
            }
            MessageType type = OPERATIONS.get(operation);
            if (type == null) {
                throw fault(ErrorCode.UNKNOWN_OPERATION, "the body names no operation of the WSDL", List.of());
            }
            Element form = null;
            for (Element child : Dom.children(payload)) {
                if (type.wireName().equals(child.getLocalName())) {
                    form = child;
                }
            }
            if (form == null) {
                throw fault(ErrorCode.FIELD_INVALID, operation + " must carry a " + type.wireName() + " element",
                        List.of(new FieldViolation(operation, ViolationCode.REQUIRED, "the " + type.wireName()
                                + " element is missing")));
            }
            Document alone = SecureXml.newDocument();
            alone.appendChild(alone.importNode(form, true));
            String to = type == MessageType.CONTACT_LETTER ? null : text(payload, "To");
            String conversationId = type == MessageType.CONTACT_LETTER ? null : text(payload, "ConversationId");
            EnvelopeHeader header = intake.submitXml(type, to, conversationId, SecureXml.toBytes(alone));
            return submitted(header);
        } catch (InvalidFormException e) {
            throw fault(ErrorCode.FIELD_INVALID, "the form breaks " + e.violations().size()
                    + " field rule(s); nothing was stored", e.violations());
        } catch (ExchangeException e) {
            if (e.code() == ErrorCode.TRANSIENT_FAILURE) {
                LOG.warnf("SOAP %s failed, dependency unavailable: %s", operation, escape(e.getMessage()));
                throw fault(e.code(), "the database or the broker is temporarily unavailable; retry "
                        + "later (nothing was stored)", List.of());
            }
            if (e.code().callerFault()) {
                throw fault(e.code(), e.getMessage(), List.of());
            }
            LOG.error("SOAP " + operation + " failed", e);
            throw fault(e.code(), e.code().summary(), List.of());
        }
    }

    private Source submitted(EnvelopeHeader header) {
        Document response = SecureXml.newDocument();
        Element root = response.createElementNS(NS, "svc:SubmitResponse");
        response.appendChild(root);
        Dom.append(root, NS, "svc", "MessageId", header.messageId());
        Dom.append(root, NS, "svc", "ConversationId", header.conversationId());
        Dom.append(root, NS, "svc", "To", header.to());
        Dom.append(root, NS, "svc", "Status", "STORED");
        return new DOMSource(response);
    }

    private Source caseStatus(String caseId) {
        CaseStore.CaseRecord found = cases.find(caseId).orElseThrow(() -> fault(ErrorCode.CASE_UNKNOWN,
                "CaseId names no case at this node", List.of()));
        Document response = SecureXml.newDocument();
        Element root = response.createElementNS(NS, "svc:CaseStatus");
        response.appendChild(root);
        Dom.append(root, NS, "svc", "CaseId", found.caseId());
        Dom.append(root, NS, "svc", "Role", found.role().name());
        Dom.append(root, NS, "svc", "State", found.state().name());
        Dom.append(root, NS, "svc", "Peer", found.peer());
        Dom.append(root, NS, "svc", "AmountMismatch", String.valueOf(found.amountMismatch()));
        Dom.append(root, NS, "svc", "OpenedAt", found.openedAt().toInstant().toString());
        Dom.append(root, NS, "svc", "UpdatedAt", found.updatedAt().toInstant().toString());
        if (found.closedAt() != null) {
            Dom.append(root, NS, "svc", "ClosedAt", found.closedAt().toInstant().toString());
        }
        for (StepStore.StepRecord step : steps.steps(caseId)) {
            Element element = Dom.appendElement(root, NS, "svc", "Step");
            Dom.append(element, NS, "svc", "Name", step.step().name());
            Dom.append(element, NS, "svc", "Owner", step.owner().name());
            Dom.append(element, NS, "svc", "LimitDays", String.valueOf(step.limitDays()));
            if (step.dueOn() != null) {
                Dom.append(element, NS, "svc", "DueOn", step.dueOn().toString());
            }
            Dom.append(element, NS, "svc", "Status", step.status().name());
            Dom.append(element, NS, "svc", "Alert", step.alert().name());
        }
        return new DOMSource(response);
    }

    private static String text(Element parent, String localName) {
        Element child = Dom.child(parent, NS, localName);
        return child == null ? null : child.getTextContent().trim();
    }

    private static Element element(Source source) {
        if (source instanceof DOMSource dom && dom.getNode() != null) {
            Node node = dom.getNode();
            if (node instanceof Document document) {
                return document.getDocumentElement();
            }
            if (node instanceof Element element) {
                return element;
            }
        }
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            DOMResult result = new DOMResult(SecureXml.newDocument());
            factory.newTransformer().transform(source, result);
            return ((Document) result.getNode()).getDocumentElement();
        } catch (TransformerException e) {
            throw fault(ErrorCode.MALFORMED_XML, "the SOAP body cannot be read", List.of());
        }
    }

    /**
     * A SOAP 1.1 fault with the IntakeFault detail: Client when the code puts the request at fault, Server otherwise
     * (an outage to retry, or this node's failure). Texts that may come from the request (a parser's message quoting
     * a name, an element path) are cut short, and so is the list of violations: a fault never grows with the request.
     */
    static SOAPFaultException fault(ErrorCode code, String message, List<FieldViolation> violations) {
        boolean client = code.callerFault();
        message = bounded(message);
        try {
            SOAPFactory factory = SOAPFactory.newInstance(SOAPConstants.SOAP_1_1_PROTOCOL);
            SOAPFault fault = factory.createFault(message,
                    new QName(SOAPConstants.URI_NS_SOAP_1_1_ENVELOPE, client ? "Client" : "Server"));
            Detail detail = fault.addDetail();
            DetailEntry entry = detail.addDetailEntry(new QName(NS, "IntakeFault", "svc"));
            entry.addChildElement("Code", "svc", NS).addTextNode(code.name());
            entry.addChildElement("Message", "svc", NS).addTextNode(message);
            for (FieldViolation v : violations.subList(0, Math.min(violations.size(), MAX_VIOLATIONS))) {
                SOAPElement violation = entry.addChildElement("Violation", "svc", NS);
                violation.addChildElement("Field", "svc", NS).addTextNode(bounded(v.field()));
                violation.addChildElement("Code", "svc", NS).addTextNode(v.code().name());
                violation.addChildElement("Message", "svc", NS).addTextNode(bounded(v.message()));
            }
            return new SOAPFaultException(fault);
        } catch (SOAPException e) {
            throw new ExchangeException(ErrorCode.INTERNAL, "cannot build a SOAP fault", e);
        }
    }

    private static String bounded(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }
}

package org.exchangenode.core.form;

import static org.exchangenode.core.envelope.Namespaces.COMMON;

import org.exchangenode.core.xml.Dom;
import org.w3c.dom.Element;

/** XML mapping of the types shared by all forms (common-1.xsd). Elements are written in schema order. */
final class CommonXml {
    private static final String C = "c";

    private CommonXml() {
    }

    static void writePerson(Element target, Person person) {
        Dom.append(target, COMMON, C, "Name", person.name());
        Dom.append(target, COMMON, C, "IdNumber", person.idNumber());
        Dom.append(target, COMMON, C, "Sex", person.sex());
        Dom.append(target, COMMON, C, "BirthDate", person.birthDate());
        Dom.append(target, COMMON, C, "HouseholdRegistration", person.householdRegistration());
        Dom.append(target, COMMON, C, "PersonalNumber", person.personalNumber());
        Dom.append(target, COMMON, C, "MigrantWorker", person.migrantWorker() == null ? null : person.migrantWorker().toString());
    }

    static Person readPerson(Element source) {
        if (source == null) {
            return null;
        }
        String migrant = Dom.text(source, COMMON, "MigrantWorker");
        return new Person(
                Dom.text(source, COMMON, "Name"),
                Dom.text(source, COMMON, "IdNumber"),
                Dom.text(source, COMMON, "Sex"),
                Dom.text(source, COMMON, "BirthDate"),
                Dom.text(source, COMMON, "HouseholdRegistration"),
                Dom.text(source, COMMON, "PersonalNumber"),
                migrant == null ? null : Boolean.valueOf("true".equals(migrant) || "1".equals(migrant)));
    }

    static void writeAgency(Element target, Agency agency) {
        writeAgencyFields(target, agency.nodeId(), agency.divisionCode(), agency.name(), agency.address(),
                agency.postcode(), agency.department(), agency.phone());
    }

    static Agency readAgency(Element source) {
        if (source == null) {
            return null;
        }
        return new Agency(
                Dom.text(source, COMMON, "NodeId"),
                Dom.text(source, COMMON, "DivisionCode"),
                Dom.text(source, COMMON, "Name"),
                Dom.text(source, COMMON, "Address"),
                Dom.text(source, COMMON, "Postcode"),
                Dom.text(source, COMMON, "Department"),
                Dom.text(source, COMMON, "Phone"));
    }

    static void writeReceivingAgency(Element target, ReceivingAgency agency) {
        writeAgencyFields(target, agency.nodeId(), agency.divisionCode(), agency.name(), agency.address(),
                agency.postcode(), agency.department(), agency.phone());
        Element account = Dom.appendElement(target, COMMON, C, "BankAccount");
        Dom.append(account, COMMON, C, "AccountName", agency.bankAccount().accountName());
        Dom.append(account, COMMON, C, "Bank", agency.bankAccount().bank());
        Dom.append(account, COMMON, C, "AccountNumber", agency.bankAccount().accountNumber());
    }

    static ReceivingAgency readReceivingAgency(Element source) {
        if (source == null) {
            return null;
        }
        Agency agency = readAgency(source);
        Element account = Dom.child(source, COMMON, "BankAccount");
        return new ReceivingAgency(agency.nodeId(), agency.divisionCode(), agency.name(), agency.address(),
                agency.postcode(), agency.department(), agency.phone(),
                account == null ? null : new BankAccount(
                        Dom.text(account, COMMON, "AccountName"),
                        Dom.text(account, COMMON, "Bank"),
                        Dom.text(account, COMMON, "AccountNumber")));
    }

    private static void writeAgencyFields(Element target, String nodeId, String divisionCode, String name,
                                          String address, String postcode, String department, String phone) {
        Dom.append(target, COMMON, C, "NodeId", nodeId);
        Dom.append(target, COMMON, C, "DivisionCode", divisionCode);
        Dom.append(target, COMMON, C, "Name", name);
        Dom.append(target, COMMON, C, "Address", address);
        Dom.append(target, COMMON, C, "Postcode", postcode);
        Dom.append(target, COMMON, C, "Department", department);
        Dom.append(target, COMMON, C, "Phone", phone);
    }
}

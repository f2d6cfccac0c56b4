import type { TemplateParameters, TemplateSections } from "./parameters";

/** Data Processing Agreement, template version 1. Never edit a published version: add a new one. */
export function dpaV1({ companyName, companyAddress, representativeEmail, providerName }: TemplateParameters): TemplateSections {
  return [
    {
      heading: "1. Parties and purpose",
      paragraphs: [
        `This Data Processing Agreement (the "DPA") is made between ${companyName}, of ${companyAddress} ("Customer"), and the operator of the Orgdeck service available at ${providerName} ("Provider"). Customer and Provider are each a "party".`,
        `Provider hosts an organization-management service (the "Service") that Customer uses under the terms of service or other agreement in force between the parties (the "Agreement"). This DPA sets out the terms on which Provider processes personal data on Customer's behalf in the course of providing the Service, and forms part of the Agreement.`,
        `Customer's notices under this DPA are sent to ${representativeEmail}, or to another address that Customer gives Provider in writing.`,
      ],
    },
    {
      heading: "2. Definitions",
      paragraphs: [
        `2.1 "Data Protection Law" means every law on privacy and the protection of personal data that applies to the processing under this DPA, including, where applicable, Regulation (EU) 2016/679 (the "GDPR"), the GDPR as retained in the law of the United Kingdom, the Swiss Federal Act on Data Protection and the California Consumer Privacy Act.`,
        `2.2 "Customer Personal Data" means personal data that Customer or its users submit to the Service, or that Provider otherwise processes on Customer's behalf in providing the Service.`,
        `2.3 "Personal data", "processing", "controller", "processor", "data subject" and "supervisory authority" have the meanings given to them in Data Protection Law; where that law uses other terms for the same concepts (such as "service provider" or "business"), those terms are included.`,
        `2.4 "Personal Data Breach" means a breach of security leading to the accidental or unlawful destruction, loss, alteration, unauthorised disclosure of, or access to, Customer Personal Data.`,
        `2.5 "Sub-processor" means a third party that Provider engages to process Customer Personal Data.`,
      ],
    },
    {
      heading: "3. Roles and instructions",
      paragraphs: [
        `3.1 Customer is the controller (or, where it acts for another controller, a processor) of Customer Personal Data, and Provider is its processor (or sub-processor).`,
        `3.2 Provider processes Customer Personal Data only on Customer's documented instructions. The Agreement, this DPA and Customer's use and configuration of the Service are Customer's complete instructions at the date of this DPA; further instructions must be consistent with them. Provider may also process Customer Personal Data where a law to which it is subject requires it, in which case it informs Customer of that requirement beforehand unless the law forbids it.`,
        `3.3 Provider tells Customer promptly if, in its opinion, an instruction infringes Data Protection Law. Provider does not sell Customer Personal Data, does not use it for its own purposes, and does not combine it with personal data it receives from others except as the Service requires.`,
        `3.4 Customer is responsible for the lawfulness of the personal data it submits, for having a legal basis for the processing, and for the accuracy of its instructions.`,
      ],
    },
    {
      heading: "4. Details of the processing",
      paragraphs: [
        `4.1 Subject matter and purpose: providing, securing, supporting and improving the Service for Customer, as described in the Agreement.`,
        `4.2 Nature: hosting, storage, retrieval, organisation, transmission and deletion of data, and the sending of transactional email.`,
        `4.3 Duration: the term of the Agreement, and afterwards until deletion under section 11.`,
        `4.4 Data subjects: Customer's employees, contractors and other users of the Service, and people whose data Customer's users enter into it.`,
        `4.5 Categories of personal data: names, email addresses, account identifiers, organization memberships and roles, authentication and audit records (including IP addresses and user agents), and any other data Customer chooses to submit. Customer will not submit special categories of personal data unless the parties have agreed safeguards for them in writing.`,
      ],
    },
    {
      heading: "5. Confidentiality",
      paragraphs: [
        `Provider limits access to Customer Personal Data to personnel who need it to provide the Service, and ensures that everyone authorised to process it is bound by an appropriate duty of confidentiality, whether contractual or statutory, that continues after their engagement ends.`,
      ],
    },
    {
      heading: "6. Security measures",
      paragraphs: [
        `6.1 Taking into account the state of the art, the costs of implementation and the nature, scope, context and purposes of the processing, Provider maintains technical and organisational measures that ensure a level of security appropriate to the risk.`,
        `6.2 These measures include at least: encryption of Customer Personal Data in transit over public networks; access control based on least privilege, with strong authentication for administrative access; logging of administrative actions; separation of Customer's data from other customers' data; regular backups and tested restoration; timely application of security updates; and a documented procedure for handling security incidents.`,
        `6.3 Provider reviews these measures regularly and may change them, provided the overall level of security does not decrease.`,
      ],
    },
    {
      heading: "7. Sub-processors",
      paragraphs: [
        `7.1 Customer gives Provider general authorisation to engage Sub-processors. Provider keeps a current list of its Sub-processors, with their location and function, and makes it available to Customer on request.`,
        `7.2 Provider informs Customer at least 30 days before it adds or replaces a Sub-processor. Customer may object on reasonable grounds relating to data protection within that period; the parties then discuss the objection in good faith, and if they cannot resolve it, Customer may terminate the affected part of the Service and receive a refund of any prepaid fees for the remainder of the term.`,
        `7.3 Provider imposes on each Sub-processor, by written contract, data protection obligations no less protective than those in this DPA, and remains liable to Customer for each Sub-processor's performance of those obligations.`,
      ],
    },
    {
      heading: "8. International transfers",
      paragraphs: [
        `Provider does not transfer Customer Personal Data to a country that Data Protection Law regards as lacking adequate protection unless a transfer mechanism that the law recognises is in place, such as an adequacy decision or standard contractual clauses approved by the competent authority, together with any supplementary measures that are needed.`,
      ],
    },
    {
      heading: "9. Personal Data Breaches",
      paragraphs: [
        `9.1 Provider notifies Customer without undue delay, and in any event within 48 hours, after becoming aware of a Personal Data Breach. The notice is sent to ${representativeEmail} and to Customer's organization owners.`,
        `9.2 The notice describes, as far as then known, the nature of the breach, the categories and approximate number of data subjects and records concerned, the likely consequences, the measures taken or proposed to address the breach and mitigate its effects, and a contact point for more information. Where not everything is known at once, Provider gives the information in phases as it becomes available.`,
        `9.3 Provider takes reasonable steps to contain and remedy the breach and cooperates with Customer in meeting Customer's own obligations to notify supervisory authorities and data subjects. A notice under this section is not an acknowledgement of fault.`,
      ],
    },
    {
      heading: "10. Data subject requests and assistance",
      paragraphs: [
        `10.1 Taking into account the nature of the processing, Provider assists Customer by appropriate technical and organisational measures, including the Service's own features for viewing, exporting, correcting and deleting data, in responding to requests from data subjects exercising their rights of access, rectification, erasure, restriction, portability and objection.`,
        `10.2 If Provider receives such a request directly, it refers the data subject to Customer and does not respond itself, except to confirm the referral, unless Customer instructs it otherwise.`,
        `10.3 Provider gives Customer reasonable assistance with data protection impact assessments and prior consultations with supervisory authorities that concern the Service.`,
      ],
    },
    {
      heading: "11. Return and deletion",
      paragraphs: [
        `11.1 During the term, Customer can export and delete Customer Personal Data through the Service.`,
        `11.2 Within 30 days after the Agreement ends, Provider deletes Customer Personal Data from the Service, unless Customer asked in writing before the end of the Agreement to receive a copy, in which case Provider provides it in a common machine-readable format before deleting it. Copies in backups are deleted in the normal backup cycle, within 90 days, and are protected under this DPA until then.`,
        `11.3 Provider may keep Customer Personal Data that a law to which it is subject requires it to keep, for as long as that law requires, and continues to protect it under this DPA.`,
      ],
    },
    {
      heading: "12. Audits and information",
      paragraphs: [
        `12.1 Provider makes available to Customer the information reasonably necessary to demonstrate compliance with this DPA, including summaries of its security policies and of any independent assessments it has obtained.`,
        `12.2 Where that information does not reasonably satisfy Customer, or a supervisory authority requires it, Customer may carry out an audit, itself or through an independent auditor bound by confidentiality, once in any twelve months (or more often after a Personal Data Breach), on at least 30 days' written notice, during business hours and without unreasonably disrupting Provider's operations. Each party bears its own costs of an audit.`,
      ],
    },
    {
      heading: "13. Liability and order of precedence",
      paragraphs: [
        `13.1 Each party's liability arising out of or relating to this DPA is subject to the limitations and exclusions of liability in the Agreement, except where Data Protection Law does not allow them to apply.`,
        `13.2 If this DPA conflicts with the Agreement, this DPA prevails as to the processing of Customer Personal Data. Where standard contractual clauses apply to a transfer, they prevail over both.`,
      ],
    },
    {
      heading: "14. Term and termination",
      paragraphs: [
        `14.1 This DPA takes effect when Customer's representative signs it and continues for as long as Provider processes Customer Personal Data. Sections that by their nature should survive, including sections 5, 9 and 11, survive its end.`,
        `14.2 If a change in Data Protection Law makes an amendment to this DPA necessary, the parties will negotiate it in good faith.`,
        `14.3 This DPA is governed by the law that governs the Agreement, except where Data Protection Law requires the law of a particular country.`,
      ],
    },
    {
      heading: "15. Execution",
      paragraphs: [
        `This DPA is signed electronically. By signing, the individual named in the signature block confirms that they are authorised to bind ${companyName} to it. Provider accepts this DPA by offering it for signature, and it binds both parties from the moment of Customer's signature.`,
      ],
    },
  ];
}

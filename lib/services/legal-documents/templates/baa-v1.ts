import type { TemplateParameters, TemplateSections } from "./parameters";

/** Business Associate Agreement (HIPAA), template version 1. Never edit a published version: add a new one. */
export function baaV1({ companyName, companyAddress, representativeEmail, providerName }: TemplateParameters): TemplateSections {
  return [
    {
      heading: "1. Parties and background",
      paragraphs: [
        `This Business Associate Agreement (the "BAA") is made between ${companyName}, of ${companyAddress} ("Covered Entity"), and the operator of the Orgdeck service available at ${providerName} ("Business Associate").`,
        `Covered Entity uses Business Associate's organization-management service (the "Service") under the terms of service or other agreement in force between the parties (the "Agreement"). In providing the Service, Business Associate may create, receive, maintain or transmit Protected Health Information on behalf of Covered Entity. The parties enter into this BAA to meet the requirements of the Health Insurance Portability and Accountability Act of 1996 and the Health Information Technology for Economic and Clinical Health Act, and their implementing regulations at 45 C.F.R. Parts 160 and 164 (together, "HIPAA").`,
        `Covered Entity's notices under this BAA are sent to ${representativeEmail}, or to another address that Covered Entity gives Business Associate in writing. For the purposes of this BAA, "Covered Entity" includes a business associate of a covered entity where ${companyName} acts in that capacity.`,
      ],
    },
    {
      heading: "2. Definitions",
      paragraphs: [
        `2.1 Capitalised terms used but not defined in this BAA have the meanings given to them in HIPAA, including "Breach", "Designated Record Set", "Disclosure", "Electronic Protected Health Information", "Individual", "Minimum Necessary", "Required by Law", "Secretary", "Security Incident", "Subcontractor", "Unsecured Protected Health Information" and "Use".`,
        `2.2 "Protected Health Information" or "PHI" has the meaning given in 45 C.F.R. 160.103, limited to the information that Business Associate creates, receives, maintains or transmits on behalf of Covered Entity through the Service.`,
        `2.3 "Privacy Rule" means 45 C.F.R. Part 160 and Part 164, Subparts A and E; "Security Rule" means 45 C.F.R. Part 160 and Part 164, Subparts A and C; "Breach Notification Rule" means 45 C.F.R. Part 164, Subpart D.`,
      ],
    },
    {
      heading: "3. Permitted uses and disclosures",
      paragraphs: [
        `3.1 Business Associate may use and disclose PHI only as necessary to provide the Service to Covered Entity under the Agreement, as this BAA permits, or as Required by Law. Business Associate will not use or disclose PHI in a manner that would violate the Privacy Rule if done by Covered Entity, except as section 3.2 allows.`,
        `3.2 Business Associate may use PHI for its proper management and administration and to carry out its legal responsibilities, and may disclose PHI for those purposes if the disclosure is Required by Law, or if Business Associate obtains reasonable assurances from the recipient that the PHI will be held confidentially, used or further disclosed only as Required by Law or for the purpose for which it was disclosed, and that the recipient will notify Business Associate of any instance of which it is aware in which the confidentiality of the PHI has been breached.`,
        `3.3 Business Associate will limit its uses and disclosures of, and requests for, PHI to the Minimum Necessary to accomplish the intended purpose.`,
        `3.4 Business Associate will not sell PHI, will not use or disclose PHI for marketing, and will not use PHI to develop or train machine-learning models. While this BAA is in effect, features of the Service that send Covered Entity's data to third-party artificial-intelligence processing are turned off for Covered Entity's organization.`,
        `3.5 Business Associate may de-identify PHI in accordance with 45 C.F.R. 164.514 only to the extent needed to provide the Service.`,
      ],
    },
    {
      heading: "4. Safeguards",
      paragraphs: [
        `4.1 Business Associate will use appropriate administrative, physical and technical safeguards, and comply with the Security Rule with respect to Electronic Protected Health Information, to prevent use or disclosure of PHI other than as this BAA provides.`,
        `4.2 These safeguards include a documented risk analysis reviewed at least yearly, workforce training and sanctions, access control with unique user identification and strong authentication, audit logging, encryption of Electronic Protected Health Information in transit over public networks and at rest, backups with tested restoration, and contingency planning.`,
        `4.3 Business Associate will ensure that its workforce members with access to PHI are bound by confidentiality obligations and receive training on this BAA's requirements.`,
      ],
    },
    {
      heading: "5. Reporting of improper use, Security Incidents and Breaches",
      paragraphs: [
        `5.1 Business Associate will report to Covered Entity any use or disclosure of PHI not provided for by this BAA of which it becomes aware, and any Security Incident of which it becomes aware, including Breaches of Unsecured Protected Health Information as required by 45 C.F.R. 164.410.`,
        `5.2 Business Associate will report a Breach of Unsecured Protected Health Information without unreasonable delay and in no case later than ten business days after its discovery; a Breach is treated as discovered on the first day it is known, or by exercising reasonable diligence would have been known, to any workforce member or agent of Business Associate other than the person who committed it.`,
        `5.3 The report will include, to the extent possible, the identification of each Individual whose Unsecured Protected Health Information has been, or is reasonably believed to have been, accessed, acquired, used or disclosed, a description of what happened, the dates of the Breach and of its discovery, the types of PHI involved, the steps Individuals should take to protect themselves, and what Business Associate is doing to investigate, mitigate harm and prevent recurrence. Business Associate will supplement the report as further information becomes available.`,
        `5.4 The parties agree that this section serves as notice, with no further report required, of unsuccessful Security Incidents that occur routinely, such as pings and other broadcast attacks on firewalls, port scans, unsuccessful log-in attempts and denial-of-service attacks, so long as none results in unauthorised access to, or use or disclosure of, PHI.`,
        `5.5 Business Associate will mitigate, to the extent practicable, any harmful effect known to it of a use or disclosure of PHI in violation of this BAA.`,
      ],
    },
    {
      heading: "6. Subcontractors",
      paragraphs: [
        `In accordance with 45 C.F.R. 164.502(e)(1)(ii) and 164.308(b)(2), Business Associate will ensure that any Subcontractor that creates, receives, maintains or transmits PHI on its behalf agrees in writing to the same restrictions, conditions and requirements that apply to Business Associate under this BAA, including the implementation of reasonable and appropriate safeguards. Business Associate remains responsible for its Subcontractors' compliance.`,
      ],
    },
    {
      heading: "7. Access, amendment and accounting",
      paragraphs: [
        `7.1 To the extent Business Associate maintains PHI in a Designated Record Set, it will make that PHI available to Covered Entity within fifteen days of Covered Entity's request, so that Covered Entity can meet its obligations under 45 C.F.R. 164.524, including, where requested, in electronic form.`,
        `7.2 To the extent Business Associate maintains PHI in a Designated Record Set, it will make amendments to that PHI as Covered Entity directs under 45 C.F.R. 164.526, within fifteen days of the direction.`,
        `7.3 Business Associate will document disclosures of PHI, and the information related to them, that Covered Entity would need to respond to a request for an accounting of disclosures under 45 C.F.R. 164.528, and will provide that information to Covered Entity within fifteen days of its request.`,
        `7.4 If an Individual makes a request described in this section directly to Business Associate, Business Associate will forward it to Covered Entity within ten days and will not respond itself unless Covered Entity directs it to.`,
      ],
    },
    {
      heading: "8. Other obligations of Business Associate",
      paragraphs: [
        `8.1 To the extent Business Associate carries out one of Covered Entity's obligations under the Privacy Rule, it will comply with the requirements of the Privacy Rule that apply to Covered Entity in the performance of that obligation.`,
        `8.2 Business Associate will make its internal practices, books and records relating to the use and disclosure of PHI available to the Secretary for the purpose of determining compliance with HIPAA.`,
      ],
    },
    {
      heading: "9. Obligations of Covered Entity",
      paragraphs: [
        `9.1 Covered Entity will notify Business Associate of any limitation in its notice of privacy practices, any change in or revocation of an Individual's permission to use or disclose PHI, and any restriction on the use or disclosure of PHI that Covered Entity has agreed to under 45 C.F.R. 164.522, to the extent it may affect Business Associate's use or disclosure of PHI.`,
        `9.2 Covered Entity will not ask Business Associate to use or disclose PHI in any manner that would not be permissible under the Privacy Rule if done by Covered Entity, and will submit PHI to the Service only in the parts of the Service intended to hold it, using the Service's access controls appropriately.`,
      ],
    },
    {
      heading: "10. Term and termination",
      paragraphs: [
        `10.1 This BAA takes effect when Covered Entity's representative signs it and continues until the Agreement ends and all PHI has been returned or destroyed under section 10.3.`,
        `10.2 If either party determines that the other has materially breached this BAA, it may give written notice describing the breach. If the breach is not cured within thirty days of the notice, the non-breaching party may terminate this BAA and the affected parts of the Agreement. Where cure is not possible, the non-breaching party may terminate immediately.`,
        `10.3 When this BAA ends, Business Associate will return to Covered Entity or destroy all PHI that it or its Subcontractors still maintain in any form and will keep no copies. Where return or destruction is infeasible, Business Associate will notify Covered Entity of the conditions that make it infeasible, extend the protections of this BAA to that PHI, and limit further uses and disclosures to the purposes that make return or destruction infeasible, for as long as it maintains the PHI.`,
      ],
    },
    {
      heading: "11. Miscellaneous",
      paragraphs: [
        `11.1 A reference in this BAA to a section of HIPAA means that section as in effect or as amended. The parties will amend this BAA as necessary for Covered Entity to comply with changes in HIPAA.`,
        `11.2 Any ambiguity in this BAA is resolved to permit compliance with HIPAA. If this BAA conflicts with the Agreement, this BAA prevails as to PHI.`,
        `11.3 Nothing in this BAA confers any rights or remedies on any person other than the parties. Sections 5.5, 8.2 and 10.3 survive the end of this BAA.`,
      ],
    },
    {
      heading: "12. Execution",
      paragraphs: [
        `This BAA is signed electronically. By signing, the individual named in the signature block confirms that they are authorised to bind ${companyName} to it. Business Associate accepts this BAA by offering it for signature, and it binds both parties from the moment of Covered Entity's signature.`,
      ],
    },
  ];
}

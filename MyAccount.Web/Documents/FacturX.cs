using System.Globalization;
using System.Security;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;

namespace MyAccount.Web.Documents;

/// <summary>
/// Makes an invoice PDF a Factur-X / ZUGFeRD hybrid: the CII XML embedded as <c>factur-x.xml</c> (associated file, AFRelationship
/// Alternative, MIME type text/xml), an sRGB output intent, and XMP metadata declaring PDF/A-3B and the Factur-X extension schema
/// (document type, file name, version, conformance level EN 16931).
/// </summary>
internal static class FacturX
{
    public const string FileName = "factur-x.xml";

    public static void Embed(PdfDocument document, byte[] cii, DateOnly issuedOn)
    {
        var date = $"D:{issuedOn.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}000000Z";
        var file = new PdfDictionary(document);
        file.Elements["/Type"] = new PdfName("/EmbeddedFile");
        file.Elements["/Subtype"] = new PdfName("/text/xml");
        var parameters = new PdfDictionary(document);
        parameters.Elements["/Size"] = new PdfInteger(cii.Length);
        parameters.Elements["/ModDate"] = new PdfString(date);
        file.Elements["/Params"] = parameters;
        file.CreateStream(cii);
        document.Internals.AddObject(file);

        var streams = new PdfDictionary(document);
        streams.Elements["/F"] = file.Reference;
        streams.Elements["/UF"] = file.Reference;
        var spec = new PdfDictionary(document);
        spec.Elements["/Type"] = new PdfName("/Filespec");
        spec.Elements["/F"] = new PdfString(FileName);
        spec.Elements["/UF"] = new PdfString(FileName);
        spec.Elements["/Desc"] = new PdfString("Factur-X invoice (EN 16931, UN/CEFACT CII)");
        spec.Elements["/AFRelationship"] = new PdfName("/Alternative");
        spec.Elements["/EF"] = streams;
        document.Internals.AddObject(spec);

        document.Internals.Catalog.Elements["/AF"] = new PdfArray(document, spec.Reference!);
        var names = new PdfDictionary(document);
        var embedded = new PdfDictionary(document);
        embedded.Elements["/Names"] = new PdfArray(document, new PdfString(FileName), spec.Reference!);
        names.Elements["/EmbeddedFiles"] = embedded;
        document.Internals.Catalog.Elements["/Names"] = names;

        var profile = new PdfDictionary(document);
        profile.Elements["/N"] = new PdfInteger(3);
        using (var icc = typeof(PdfDocument).Assembly.GetManifestResourceStream("PdfSharp.Resources.sRGB2014.icc")
                         ?? throw new InvalidOperationException("PDFsharp's sRGB profile is missing."))
        using (var bytes = new MemoryStream())
        {
            icc.CopyTo(bytes);
            profile.CreateStream(bytes.ToArray());
        }

        document.Internals.AddObject(profile);
        var intent = new PdfDictionary(document);
        intent.Elements["/Type"] = new PdfName("/OutputIntent");
        intent.Elements["/S"] = new PdfName("/GTS_PDFA1");
        intent.Elements["/OutputConditionIdentifier"] = new PdfString("sRGB IEC61966-2.1");
        intent.Elements["/Info"] = new PdfString("sRGB IEC61966-2.1");
        intent.Elements["/DestOutputProfile"] = profile.Reference;
        document.Internals.Catalog.Elements["/OutputIntents"] = new PdfArray(document, intent);

        var metadata = new PdfDictionary(document);
        metadata.Elements["/Type"] = new PdfName("/Metadata");
        metadata.Elements["/Subtype"] = new PdfName("/XML");
        metadata.CreateStream(System.Text.Encoding.UTF8.GetBytes(Xmp(document.Info.Title, document.Info.Author, issuedOn)));
        document.Internals.AddObject(metadata);
        document.Internals.Catalog.Elements["/Metadata"] = metadata.Reference;
    }

    private static string Xmp(string title, string author, DateOnly issuedOn) => $"""
        <?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
          <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
              <pdfaid:part>3</pdfaid:part>
              <pdfaid:conformance>B</pdfaid:conformance>
            </rdf:Description>
            <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{SecurityElement.Escape(title)}</rdf:li></rdf:Alt></dc:title>
              <dc:creator><rdf:Seq><rdf:li>{SecurityElement.Escape(author)}</rdf:li></rdf:Seq></dc:creator>
            </rdf:Description>
            <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
              <xmp:CreateDate>{issuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}T00:00:00Z</xmp:CreateDate>
            </rdf:Description>
            <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
              <pdfaExtension:schemas>
                <rdf:Bag>
                  <rdf:li rdf:parseType="Resource">
                    <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
                    <pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>
                    <pdfaSchema:prefix>fx</pdfaSchema:prefix>
                    <pdfaSchema:property>
                      <rdf:Seq>
                        <rdf:li rdf:parseType="Resource"><pdfaProperty:name>DocumentFileName</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>The name of the embedded XML document</pdfaProperty:description></rdf:li>
                        <rdf:li rdf:parseType="Resource"><pdfaProperty:name>DocumentType</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>The type of the hybrid document in capital letters, e.g. INVOICE or ORDER</pdfaProperty:description></rdf:li>
                        <rdf:li rdf:parseType="Resource"><pdfaProperty:name>Version</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>The actual version of the standard applying to the embedded XML document</pdfaProperty:description></rdf:li>
                        <rdf:li rdf:parseType="Resource"><pdfaProperty:name>ConformanceLevel</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>The conformance level of the embedded XML document</pdfaProperty:description></rdf:li>
                      </rdf:Seq>
                    </pdfaSchema:property>
                  </rdf:li>
                </rdf:Bag>
              </pdfaExtension:schemas>
            </rdf:Description>
            <rdf:Description rdf:about="" xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#">
              <fx:DocumentType>INVOICE</fx:DocumentType>
              <fx:DocumentFileName>{FileName}</fx:DocumentFileName>
              <fx:Version>1.0</fx:Version>
              <fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>
            </rdf:Description>
          </rdf:RDF>
        </x:xmpmeta>
        <?xpacket end="w"?>
        """;
}

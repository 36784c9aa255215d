<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>cluster_points</Name>
    <UserStyle>
      <Title>DBSCAN clusters by size</Title>
      <FeatureTypeStyle>
        <Rule>
          <Title>up to 5</Title>
          <ogc:Filter><ogc:And>
            <ogc:PropertyIsGreaterThan><ogc:PropertyName>count</ogc:PropertyName><ogc:Literal>0</ogc:Literal></ogc:PropertyIsGreaterThan>
            <ogc:PropertyIsLessThanOrEqualTo><ogc:PropertyName>count</ogc:PropertyName><ogc:Literal>5</ogc:Literal></ogc:PropertyIsLessThanOrEqualTo>
          </ogc:And></ogc:Filter>
          <PointSymbolizer>
            <Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#54278f</CssParameter><CssParameter name="fill-opacity">0.75</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter></Stroke></Mark><Size>10</Size></Graphic>
          </PointSymbolizer>
          <TextSymbolizer>
            <Label><ogc:PropertyName>count</ogc:PropertyName></Label>
            <Font><CssParameter name="font-size">10</CssParameter><CssParameter name="font-weight">bold</CssParameter></Font>
            <LabelPlacement><PointPlacement><AnchorPoint><AnchorPointX>0.5</AnchorPointX><AnchorPointY>0.5</AnchorPointY></AnchorPoint></PointPlacement></LabelPlacement>
            <Fill><CssParameter name="fill">#ffffff</CssParameter></Fill>
          </TextSymbolizer>
        </Rule>
        <Rule>
          <Title>6 - 20</Title>
          <ogc:Filter><ogc:And>
            <ogc:PropertyIsGreaterThan><ogc:PropertyName>count</ogc:PropertyName><ogc:Literal>5</ogc:Literal></ogc:PropertyIsGreaterThan>
            <ogc:PropertyIsLessThanOrEqualTo><ogc:PropertyName>count</ogc:PropertyName><ogc:Literal>20</ogc:Literal></ogc:PropertyIsLessThanOrEqualTo>
          </ogc:And></ogc:Filter>
          <PointSymbolizer>
            <Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#54278f</CssParameter><CssParameter name="fill-opacity">0.75</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter></Stroke></Mark><Size>16</Size></Graphic>
          </PointSymbolizer>
          <TextSymbolizer>
            <Label><ogc:PropertyName>count</ogc:PropertyName></Label>
            <Font><CssParameter name="font-size">10</CssParameter><CssParameter name="font-weight">bold</CssParameter></Font>
            <LabelPlacement><PointPlacement><AnchorPoint><AnchorPointX>0.5</AnchorPointX><AnchorPointY>0.5</AnchorPointY></AnchorPoint></PointPlacement></LabelPlacement>
            <Fill><CssParameter name="fill">#ffffff</CssParameter></Fill>
          </TextSymbolizer>
        </Rule>
        <Rule>
          <Title>21 - 100</Title>
          <ogc:Filter><ogc:And>
            <ogc:PropertyIsGreaterThan><ogc:PropertyName>count</ogc:PropertyName><ogc:Literal>20</ogc:Literal></ogc:PropertyIsGreaterThan>
            <ogc:PropertyIsLessThanOrEqualTo><ogc:PropertyName>count</ogc:PropertyName><ogc:Literal>100</ogc:Literal></ogc:PropertyIsLessThanOrEqualTo>
          </ogc:And></ogc:Filter>
          <PointSymbolizer>
            <Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#54278f</CssParameter><CssParameter name="fill-opacity">0.75</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter></Stroke></Mark><Size>24</Size></Graphic>
          </PointSymbolizer>
          <TextSymbolizer>
            <Label><ogc:PropertyName>count</ogc:PropertyName></Label>
            <Font><CssParameter name="font-size">10</CssParameter><CssParameter name="font-weight">bold</CssParameter></Font>
            <LabelPlacement><PointPlacement><AnchorPoint><AnchorPointX>0.5</AnchorPointX><AnchorPointY>0.5</AnchorPointY></AnchorPoint></PointPlacement></LabelPlacement>
            <Fill><CssParameter name="fill">#ffffff</CssParameter></Fill>
          </TextSymbolizer>
        </Rule>
        <Rule>
          <Title>more than 100</Title>
          <ogc:Filter><ogc:PropertyIsGreaterThan><ogc:PropertyName>count</ogc:PropertyName><ogc:Literal>100</ogc:Literal></ogc:PropertyIsGreaterThan></ogc:Filter>
          <PointSymbolizer>
            <Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#54278f</CssParameter><CssParameter name="fill-opacity">0.75</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter></Stroke></Mark><Size>34</Size></Graphic>
          </PointSymbolizer>
          <TextSymbolizer>
            <Label><ogc:PropertyName>count</ogc:PropertyName></Label>
            <Font><CssParameter name="font-size">10</CssParameter><CssParameter name="font-weight">bold</CssParameter></Font>
            <LabelPlacement><PointPlacement><AnchorPoint><AnchorPointX>0.5</AnchorPointX><AnchorPointY>0.5</AnchorPointY></AnchorPoint></PointPlacement></LabelPlacement>
            <Fill><CssParameter name="fill">#ffffff</CssParameter></Fill>
          </TextSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
